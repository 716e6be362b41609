import type { CommandTool, ImportSource, WorkspaceView } from '../../shared/contract/api-workspace.js';
import { renderMessage } from '../../shared/i18n/message.js';
import type { EventPayload } from '../../shared/contract/api.js';
import type { ConnectionFile } from '../../shared/workspace/connection-file.js';
import { idFromName } from '../../shared/workspace/entity-id.js';
import type { ScenarioRunResult, StepResult } from '../../shared/workspace/run-result.js';
import type { SavedMessage } from '../../shared/workspace/saved-message.js';
import { errorNotice, patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** One scenario run the window started. */
export interface ScenarioRunView {
  readonly runId: string;
  readonly scenarioId: string;
  readonly steps: readonly StepResult[];
  readonly result: ScenarioRunResult | null;
}

/** A saved message ready to store: everything but its id. */
export type MessageDraft = Omit<Extract<SavedMessage, { kind: 'raw' }>, 'id'> | Omit<Extract<SavedMessage, { kind: 'protocol' }>, 'id'>;

/** The open workspace in the window: its files, what is selected, and scenario runs. */
export interface WorkspaceFilesSlice {
  readonly view: WorkspaceView | null;
  readonly selectedConnectionId: string | null;
  readonly selectedMessageId: string | null;
  readonly runs: Readonly<Record<string, ScenarioRunView>>;
  readonly activeRunId: string | null;
  load(): Promise<void>;
  openFolder(path: string | null, create: boolean): Promise<void>;
  select(connectionId: string | null, messageId?: string | null): void;
  connect(connectionId: string): Promise<void>;
  /** Sends a saved message on the open session of its connection, else on the active session. */
  send(connectionId: string, messageId: string): Promise<void>;
  saveMessage(draft: MessageDraft): Promise<void>;
  /** Writes a connection file (its secret-looking values move to the secrets store, as a notice says); true when saved. */
  saveConnection(file: ConnectionFile): Promise<boolean>;
  renameConnection(connectionId: string, name: string): Promise<void>;
  renameMessage(connectionId: string, messageId: string, name: string): Promise<void>;
  duplicateConnection(connectionId: string): Promise<void>;
  duplicateMessage(connectionId: string, messageId: string): Promise<void>;
  deleteMessage(connectionId: string, messageId: string): Promise<void>;
  moveConnection(connectionId: string, toIndex: number): Promise<void>;
  moveMessage(connectionId: string, messageId: string, toIndex: number): Promise<void>;
  setEnvironment(environmentId: string | null): Promise<void>;
  importFrom(source: ImportSource): Promise<void>;
  copyCommand(connectionId: string, tool: CommandTool): Promise<void>;
  runScenario(scenarioId: string): Promise<void>;
  cancelRun(): Promise<void>;
  applyProgress(event: EventPayload<'scenarioProgressed'>): void;
  applyFinished(event: EventPayload<'scenarioFinished'>): void;
  /** Opens a run's connection at a record (a failed step's evidence). */
  openRecord(alias: string, seq: number): void;
}

const SNIPPETS_KEY = 'frameline.composer.snippets';
const MIGRATED_KEY = 'frameline.workspace.snippetsMigrated';

/** The workspace files slice. */
export function createWorkspaceFilesSlice(set: SetApp, get: GetApp): WorkspaceFilesSlice {
  const patch = (value: Partial<WorkspaceFilesSlice> | ((slice: WorkspaceFilesSlice) => Partial<WorkspaceFilesSlice>)): void => patchSlice(set, 'workspaceFiles', value);
  const fail = (error: unknown): void => get().sessions.showNotice({ kind: 'error', message: errorNotice(error) });
  const connection = (id: string): ConnectionFile => {
    const found = get().workspaceFiles.view?.connections.find((each) => each.id === id);
    if (!found) throw new Error(`no connection ${id}`);
    return found;
  };
  const save = async (file: ConnectionFile): Promise<void> => {
    const { workspace, movedSecrets } = await get().api.saveWorkspaceConnection(file);
    patch({ view: workspace });
    if (movedSecrets.length > 0) get().sessions.showNotice({ kind: 'info', message: movedSecrets.map((name) => `{{${name}}}`).join(', ') });
  };
  const guarded = <A extends unknown[]>(action: (...args: A) => Promise<void>) => async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (error) {
      fail(error);
    }
  };
  /** Where a saved message goes: the connection of the active session, the selected one, or a new one for the active URL. */
  const targetConnection = async (): Promise<ConnectionFile> => {
    const view = get().workspaceFiles.view;
    if (!view) throw new Error('no workspace is open');
    const active = get().sessions.byId[get().sessions.activeId ?? ''];
    const fromSession = active?.origin?.kind === 'workspace' && active.origin.scenarioRunId === undefined ? active.origin.connection : null;
    const id = fromSession ?? get().workspaceFiles.selectedConnectionId ?? view.connections[0]?.id ?? null;
    const found = view.connections.find((each) => each.id === id);
    if (found) return found;
    const options = get().settings.validForm();
    if (!options) throw new Error('no connection to save into');
    const created: ConnectionFile = { format: 'frameline-connection', version: 1, id: idFromName(options.url.replace(/^wss?:\/\//, ''), new Set(view.connections.map((each) => each.id))), name: options.url, description: '', protocol: null, options, reconnect: { isEnabled: false, baseMs: 500, capMs: 30_000, maxAttempts: 10, replay: [] }, messages: [] };
    await save(created);
    return created;
  };
  const migrateSnippets = async (view: WorkspaceView): Promise<void> => {
    const storage = globalThis.localStorage;
    if (!storage || storage.getItem(MIGRATED_KEY) === view.id) return;
    let snippets: unknown = [];
    try {
      snippets = JSON.parse(storage.getItem(SNIPPETS_KEY) ?? '[]');
    } catch {
      snippets = [];
    }
    if (Array.isArray(snippets) && snippets.length > 0) {
      const result = await get().api.importIntoWorkspace({ kind: 'legacy', snippets: snippets.filter((item): item is never => typeof item?.name === 'string' && typeof item?.text === 'string' && typeof item?.mode === 'string') });
      patch({ view: result.workspace });
    }
    storage.setItem(MIGRATED_KEY, view.id);
  };

  return {
    view: null,
    selectedConnectionId: null,
    selectedMessageId: null,
    runs: {},
    activeRunId: null,

    load: guarded(async () => {
      const view = (await get().api.getWorkspace()) ?? (await get().api.openWorkspace(null, { create: true }));
      patch({ view });
      await migrateSnippets(view);
    }),

    openFolder: guarded(async (path, create) => {
      const view = await get().api.openWorkspace(path, { create });
      patch({ view, selectedConnectionId: null, selectedMessageId: null });
    }),

    select(connectionId, messageId = null) {
      patch({ selectedConnectionId: connectionId, selectedMessageId: messageId });
    },

    connect: guarded(async (connectionId) => {
      const { sessionId } = await get().api.connectWorkspaceConnection(connectionId);
      const file = connection(connectionId);
      const summary = get().sessions.byId[sessionId] ?? { id: sessionId, url: file.options.url, state: 'connecting' as const, openedAt: Date.now(), counts: { records: 0, framesIn: 0, framesOut: 0 }, statusCode: null, readOnly: false, origin: { kind: 'workspace' as const, connection: connectionId } };
      get().sessions.upsert(summary);
      get().sessions.select(sessionId);
      get().workspace.showView('inspect');
    }),

    send: guarded(async (connectionId, messageId) => {
      const { byId, order, activeId } = get().sessions;
      const isOpen = (id: string | null): id is string => id !== null && byId[id]?.state === 'open' && !byId[id]?.readOnly;
      const own = [...order].reverse().find((id) => isOpen(id) && byId[id]?.origin?.kind === 'workspace' && byId[id]?.origin?.connection === connectionId);
      const target = isOpen(activeId) && byId[activeId]?.origin?.kind === 'workspace' && byId[activeId]?.origin?.connection === connectionId ? activeId : (own ?? (isOpen(activeId) ? activeId : null));
      if (target === null) throw new Error(`${connection(connectionId).name}: no open session to send on; connect first`);
      await get().api.sendSavedMessage(target, connectionId, messageId);
      if (get().sessions.activeId !== target) get().sessions.select(target);
      get().timeline.setFollowTail(true);
    }),

    saveMessage: guarded(async (draft) => {
      const file = await targetConnection();
      const id = idFromName(draft.name, new Set(file.messages.map((message) => message.id)));
      await save({ ...file, messages: [...file.messages, { ...draft, id }] });
      patch({ selectedConnectionId: file.id, selectedMessageId: id });
    }),

    async saveConnection(file) {
      try {
        await save(file);
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },

    renameConnection: guarded(async (connectionId, name) => {
      if (name.trim() === '') return;
      await save({ ...connection(connectionId), name: name.trim() });
    }),

    renameMessage: guarded(async (connectionId, messageId, name) => {
      if (name.trim() === '') return;
      const file = connection(connectionId);
      await save({ ...file, messages: file.messages.map((message) => (message.id === messageId ? { ...message, name: name.trim() } : message)) });
    }),

    duplicateConnection: guarded(async (connectionId) => {
      const file = connection(connectionId);
      const taken = new Set(get().workspaceFiles.view?.connections.map((each) => each.id));
      const copy = { ...file, id: idFromName(`${file.id}-copy`, taken), name: `${file.name} (copy)` };
      await save(copy);
      patch({ selectedConnectionId: copy.id, selectedMessageId: null });
    }),

    duplicateMessage: guarded(async (connectionId, messageId) => {
      const file = connection(connectionId);
      const index = file.messages.findIndex((message) => message.id === messageId);
      const original = file.messages[index];
      if (!original) return;
      const copy = { ...original, id: idFromName(`${original.id}-copy`, new Set(file.messages.map((message) => message.id))), name: `${original.name} (copy)` };
      await save({ ...file, messages: [...file.messages.slice(0, index + 1), copy, ...file.messages.slice(index + 1)] });
      patch({ selectedMessageId: copy.id });
    }),

    deleteMessage: guarded(async (connectionId, messageId) => {
      const file = connection(connectionId);
      await save({ ...file, messages: file.messages.filter((message) => message.id !== messageId) });
    }),

    moveConnection: guarded(async (connectionId, toIndex) => {
      const ids = (get().workspaceFiles.view?.connections ?? []).map((each) => each.id).filter((id) => id !== connectionId);
      ids.splice(Math.max(0, Math.min(toIndex, ids.length)), 0, connectionId);
      patch({ view: await get().api.reorderWorkspaceConnections(ids) });
    }),

    moveMessage: guarded(async (connectionId, messageId, toIndex) => {
      const file = connection(connectionId);
      const moving = file.messages.find((message) => message.id === messageId);
      if (!moving) return;
      const rest = file.messages.filter((message) => message.id !== messageId);
      rest.splice(Math.max(0, Math.min(toIndex, rest.length)), 0, moving);
      await save({ ...file, messages: rest });
    }),

    setEnvironment: guarded(async (environmentId) => {
      patch({ view: await get().api.setActiveEnvironment(environmentId) });
    }),

    importFrom: guarded(async (source) => {
      const result = await get().api.importIntoWorkspace(source);
      patch({ view: result.workspace });
      // What was added (ids) and what was skipped or dropped, each warning in the window's language.
      get().sessions.showNotice({ kind: result.added.length > 0 ? 'info' : 'error', message: (t) => [result.added.join(', '), ...result.warningTexts.map((text) => renderMessage(t, text))].filter(Boolean).join(' · ') || '—' });
    }),

    copyCommand: guarded(async (connectionId, tool) => {
      const { command, notCarried } = await get().api.copyConnectionCommand(connectionId, tool);
      await globalThis.navigator?.clipboard?.writeText(command).catch(() => undefined);
      get().sessions.showNotice({ kind: 'info', message: notCarried.length > 0 ? `${command}  (${notCarried.join(', ')})` : command });
    }),

    runScenario: guarded(async (scenarioId) => {
      const { runId } = await get().api.runWorkspaceScenario(scenarioId);
      patch((slice) => ({ activeRunId: runId, runs: { ...slice.runs, [runId]: slice.runs[runId] ?? { runId, scenarioId, steps: [], result: null } } }));
    }),

    cancelRun: guarded(async () => {
      const runId = get().workspaceFiles.activeRunId;
      if (runId) await get().api.cancelScenarioRun(runId);
    }),

    applyProgress({ runId, scenarioId, steps }) {
      patch((slice) => ({ runs: { ...slice.runs, [runId]: { runId, scenarioId, steps, result: slice.runs[runId]?.result ?? null } } }));
    },

    applyFinished({ runId, scenarioId, result }) {
      patch((slice) => ({ runs: { ...slice.runs, [runId]: { runId, scenarioId, steps: result.steps, result } } }));
    },

    openRecord(alias, seq) {
      const run = get().workspaceFiles.runs[get().workspaceFiles.activeRunId ?? ''];
      const sessionId = run?.result?.connections.find((each) => each.alias === alias)?.sessionId
        ?? Object.values(get().sessions.byId).find((summary) => summary.origin?.kind === 'workspace' && summary.origin.scenarioRunId === run?.runId && summary.origin.alias === alias)?.id;
      if (!sessionId) return;
      get().sessions.select(sessionId);
      get().timeline.reveal(seq);
      get().workspace.showView('inspect');
    },
  };
}
