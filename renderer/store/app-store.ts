import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { EventPayload, FramelineApi } from '../../shared/contract/api.js';
import { createCaptureSlice } from './capture-slice.js';
import { createComposerSlice } from './composer-slice.js';
import { createConformanceSlice } from './conformance-slice.js';
import { createDoctorSlice } from './doctor-slice.js';
import { createFanoutSlice } from './fanout-slice.js';
import { createListenSlice } from './listen-slice.js';
import { createPreferencesSlice } from './preferences-slice.js';
import { createProtocolSlice } from './protocol-slice.js';
import { createRelayHttpSlice } from './relay-http-slice.js';
import { createRelaySlice } from './relay-slice.js';
import { createSessionsSlice } from './sessions-slice.js';
import { createSettingsSlice } from './settings-slice.js';
import { carriedTail, createTimelineSlice, isUnfiltered, refreshFilteredTail, timelineAfterBatch } from './timeline-slice.js';
import type { AppState, AppStore, Platform } from './types.js';
import { createWorkspaceSlice } from './workspace-slice.js';
import { createWorkspaceEditorSlice } from './workspace-editor-slice.js';
import { createWorkspaceFilesSlice } from './workspace-files-slice.js';

/** A host page with neither downloads nor a clipboard (unit tests). */
const inertPlatform: Platform = {
  download: () => undefined,
  copyText: async () => undefined,
};

/** Creates the view's store around one API (the real transport, or a fake in tests). */
export function createAppStore(api: FramelineApi, platform: Platform = inertPlatform): AppStore {
  return createStore<AppState>()((set, get) => ({
    api,
    platform,
    sessions: createSessionsSlice(set, get),
    timeline: createTimelineSlice(set, get),
    composer: createComposerSlice(set, get),
    settings: createSettingsSlice(set, get),
    capture: createCaptureSlice(set, get),
    workspace: createWorkspaceSlice(set, get),
    doctor: createDoctorSlice(set, get),
    listen: createListenSlice(set, get),
    preferences: createPreferencesSlice(set, get),
    protocol: createProtocolSlice(set, get),
    relay: createRelaySlice(set, get),
    relayHttp: createRelayHttpSlice(set, get),
    fanout: createFanoutSlice(set, get),
    workspaceFiles: createWorkspaceFilesSlice(set, get),
    workspaceEditor: createWorkspaceEditorSlice(set, get),
    conformance: createConformanceSlice(set, get),
  }));
}

/** Applies one `recordsAppended` batch with a single `set` (STYLE.md §7). */
export function applyRecordsAppended(store: AppStore, batch: EventPayload<'recordsAppended'>): void {
  store.setState((state) => ({
    sessions: { ...state.sessions, recordCounts: { ...state.sessions.recordCounts, [batch.sessionId]: batch.count } },
    timeline: { ...state.timeline, ...timelineAfterBatch(state.timeline, batch) },
  }));
}

/** Wires main's events into the store; returns the function that unwires them. */
export function connectEvents(store: AppStore): () => void {
  const { api } = store.getState();
  let isRefreshing = false;
  let isRefreshPending = false;
  // Filtered views ask main for their new tail; at most one such request at a time.
  const refreshFiltered = (): void => {
    if (isRefreshing) {
      isRefreshPending = true;
      return;
    }
    isRefreshing = true;
    refreshFilteredTail(store.getState, store.setState)
      .catch((error: unknown) => store.getState().sessions.reportError(error))
      .finally(() => {
        isRefreshing = false;
        if (isRefreshPending) {
          isRefreshPending = false;
          refreshFiltered();
        }
      });
  };
  const unsubscribers = [
    api.on('recordsAppended', (batch) => {
      const isCarried = carriedTail(store.getState().timeline, batch) !== null;
      applyRecordsAppended(store, batch);
      const { timeline } = store.getState();
      if (batch.sessionId !== timeline.sessionId || isUnfiltered(timeline.filter)) return;
      // A followed filtered view drew its last rows with the batch; any other asks main for them.
      if (isCarried) timeline.resolvePendingSelection();
      else refreshFiltered();
    }),
    api.on('sessionStateChanged', (summary) => store.getState().sessions.upsert(summary)),
    api.on('sessionClosed', ({ sessionId, closed }) => {
      const summary = store.getState().sessions.byId[sessionId];
      if (summary) store.getState().sessions.upsert({ ...summary, state: 'closed', closed });
    }),
    api.on('sessionRemoved', ({ sessionId, reason }) => {
      const { sessions } = store.getState();
      // A tab someone is reading should not vanish without a word; a background one just goes.
      if (reason === 'listen-history' && sessions.activeId === sessionId) sessions.showNotice({ kind: 'info', message: (t) => t('listen:historyDropped') });
      sessions.remove(sessionId);
    }),
    api.on('diagnosisProgressed', (event) => store.getState().doctor.applyProgressed(event)),
    api.on('diagnosisProbeFinished', (event) => store.getState().doctor.applyProbeFinished(event)),
    api.on('diagnosisFinished', (event) => store.getState().doctor.applyFinished(event)),
    api.on('relayPausedChanged', (event) => store.getState().relay.applyPaused(event)),
    api.on('relayAccepted', (event) => store.getState().relay.applyAccepted(event)),
    api.on('relayStarted', (event) => store.getState().relay.applyStarted(event)),
    api.on('relayStopped', (event) => store.getState().relay.applyStopped(event)),
    api.on('relayHttpExchange', (event) => store.getState().relayHttp.apply(event)),
    api.on('relayHttpExchangesReleased', (event) => store.getState().relayHttp.release(event)),
    api.on('fanoutProgressed', (event) => store.getState().fanout.applyProgressed(event)),
    api.on('fanoutFinished', (event) => store.getState().fanout.applyFinished(event)),
    api.on('scenarioProgressed', (event) => store.getState().workspaceFiles.applyProgress(event)),
    api.on('scenarioFinished', (event) => store.getState().workspaceFiles.applyFinished(event)),
    api.on('conformanceCaseStarted', (event) => store.getState().conformance.applyCaseStarted(event)),
    api.on('conformanceCaseFinished', (event) => store.getState().conformance.applyCaseFinished(event)),
    api.on('conformanceFinished', (event) => store.getState().conformance.applyFinished(event)),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

let appStore: AppStore | null = null;

/** Installs the store the components use (once, from main.tsx). */
export function installAppStore(store: AppStore): void {
  appStore = store;
}

/** The installed store, for transient subscriptions and actions outside render. */
export function getAppStore(): AppStore {
  if (!appStore) throw new Error('The app store is not installed');
  return appStore;
}

/** Reads from the installed store; re-renders only when the selected value changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(getAppStore(), selector);
}
