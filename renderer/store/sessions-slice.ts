import type { SessionSummary } from '../../shared/contract/api-session.js';
import type { HandshakeRecordJson } from '../../shared/contract/records.js';
import type { Message } from '../../shared/i18n/message.js';
import { errorMessage, patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/**
 * A message for the status bar: a catalogue message (shared/i18n/message.ts), rendered in the
 * window's language while it is shown, or plain text from views not yet converted.
 */
export interface Notice {
  readonly kind: 'error' | 'info';
  readonly message: Message | string;
}

/** Sessions main knows about, which one is shown, and their handshakes. */
export interface SessionsSlice {
  readonly order: readonly string[];
  readonly byId: Readonly<Record<string, SessionSummary>>;
  readonly activeId: string | null;
  /** Live record counts, updated per batch and read through transient subscriptions. */
  readonly recordCounts: Readonly<Record<string, number>>;
  /** undefined: not fetched yet; null: no handshake recorded. */
  readonly handshakes: Readonly<Record<string, HandshakeRecordJson | null>>;
  readonly notice: Notice | null;
  readonly link: 'ipc' | 'connecting' | 'open' | 'reconnecting' | 'unauthorised';
  refresh(): Promise<void>;
  upsert(summary: SessionSummary): void;
  select(id: string): void;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  loadHandshake(id: string): Promise<void>;
  showNotice(notice: Notice | null): void;
  reportError(error: unknown): void;
}

/** The sessions slice. */
export function createSessionsSlice(set: SetApp, get: GetApp): SessionsSlice {
  const patch = (value: Partial<SessionsSlice> | ((slice: SessionsSlice) => Partial<SessionsSlice>)): void =>
    patchSlice(set, 'sessions', value);

  return {
    order: [],
    byId: {},
    activeId: null,
    recordCounts: {},
    handshakes: {},
    notice: null,
    link: 'ipc',

    async refresh() {
      try {
        const list = await get().api.listSessions();
        patch((slice) => ({
          order: list.map((summary) => summary.id),
          byId: Object.fromEntries(list.map((summary) => [summary.id, summary])),
          recordCounts: Object.fromEntries(list.map((summary) => [summary.id, Math.max(summary.counts.records, slice.recordCounts[summary.id] ?? 0)])),
        }));
        const { activeId } = get().sessions;
        const first = list[list.length - 1];
        if ((activeId === null || !list.some((summary) => summary.id === activeId)) && first) get().sessions.select(first.id);
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    upsert(summary) {
      const before = get().sessions.byId[summary.id];
      patch((slice) => ({
        order: slice.order.includes(summary.id) ? slice.order : [...slice.order, summary.id],
        byId: { ...slice.byId, [summary.id]: summary },
        recordCounts: { ...slice.recordCounts, [summary.id]: Math.max(summary.counts.records, slice.recordCounts[summary.id] ?? 0) },
      }));
      if (before?.statusCode !== summary.statusCode || before?.state !== summary.state) void get().sessions.loadHandshake(summary.id);
    },

    select(id) {
      if (get().sessions.activeId === id) return;
      patch({ activeId: id });
      get().timeline.showSession(id);
      if (get().sessions.handshakes[id] === undefined) void get().sessions.loadHandshake(id);
    },

    async connect() {
      const options = get().settings.optionsForConnect();
      if (!options) return;
      try {
        const { sessionId } = await get().api.openSession(options);
        const now = Date.now();
        get().sessions.upsert(
          get().sessions.byId[sessionId] ?? {
            id: sessionId,
            url: options.url,
            state: 'connecting',
            openedAt: now,
            counts: { records: 0, framesIn: 0, framesOut: 0 },
            statusCode: null,
            readOnly: false,
          },
        );
        get().sessions.select(sessionId);
        patch({ notice: null });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async disconnect() {
      const id = get().sessions.activeId;
      if (!id) return;
      try {
        await get().api.closeSession(id, {});
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async loadHandshake(id) {
      try {
        const handshake = await get().api.getHandshake(id);
        patch((slice) => ({ handshakes: { ...slice.handshakes, [id]: handshake } }));
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    showNotice(notice) {
      patch({ notice });
    },

    reportError(error) {
      patch({ notice: { kind: 'error', message: errorMessage(error) } });
    },
  };
}
