import type { SessionSummary } from '../../shared/contract/api-session.js';
import type { EventRecordJson, HandshakeRecordJson } from '../../shared/contract/records.js';
import { eventMessage } from '../../shared/i18n/event-text.js';
import { verbatim, type Message } from '../../shared/i18n/message.js';
import type { Text } from '../lib/text.js';
import { errorMessage, patchSlice } from './types.js';
import type { AppState, GetApp, SetApp } from './types.js';

/**
 * A message for the status bar: the window's own words or a catalogue message
 * (shared/i18n/message.ts), rendered in the window's language while it is shown, or text main
 * already put in words.
 */
export interface Notice {
  readonly kind: 'error' | 'info';
  readonly message: Text;
}

/** Why a session failed before its handshake (DNS, refused, TLS, proxy): the `error` event's sentences, in any language. */
export interface ConnectFailure {
  readonly seq: number;
  readonly stage: string;
  readonly message: Message;
  readonly hint: Message | null;
}

/** Sessions main knows about, which one is shown, and their handshakes. */
export interface SessionsSlice {
  /** Every session in main's order, Doctor probe sessions included (the tabs hide those). */
  readonly order: readonly string[];
  readonly byId: Readonly<Record<string, SessionSummary>>;
  readonly activeId: string | null;
  /** Live record counts, updated per batch and read through transient subscriptions. */
  readonly recordCounts: Readonly<Record<string, number>>;
  /** undefined: not fetched yet; null: no handshake recorded. */
  readonly handshakes: Readonly<Record<string, HandshakeRecordJson | null>>;
  /** undefined: not looked for; null: the session did not fail before its handshake. */
  readonly failures: Readonly<Record<string, ConnectFailure | null>>;
  readonly notice: Notice | null;
  readonly link: 'ipc' | 'connecting' | 'open' | 'reconnecting' | 'unauthorised';
  refresh(): Promise<void>;
  upsert(summary: SessionSummary): void;
  /** Drops a session main forgot (or that this window closed). */
  remove(id: string): void;
  select(id: string): void;
  /** Selects the tab `step` places after (or before) the shown one, wrapping around. */
  selectRelative(step: 1 | -1): void;
  connect(): Promise<void>;
  /** Opens the tab's connection again, with its (possibly edited) settings, as a new linked session. */
  reconnect(id?: string): Promise<void>;
  disconnect(): Promise<void>;
  /** Closes tabs: live sessions are closed, then main frees their records and spill files. */
  close(ids: readonly string[]): Promise<void>;
  closeOthers(id: string): Promise<void>;
  /** Closes every tab whose session has ended. */
  closeEnded(): Promise<void>;
  closeAll(): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  /** Moves a tab to position `tabIndex` among the tabs. */
  move(id: string, tabIndex: number): Promise<void>;
  loadHandshake(id: string): Promise<void>;
  showNotice(notice: Notice | null): void;
  reportError(error: unknown): void;
}

/** Doctor probes, conformance cases and fan-out clients stay out of the tabs (their views link to them) unless one is shown. */
const HIDDEN_ORIGINS: ReadonlySet<string> = new Set(['doctor', 'conformance', 'fanout']);

/** The sessions that have tabs, in tab order. */
export function tabIds(state: AppState): string[] {
  const { order, byId, activeId } = state.sessions;
  return order.filter((id) => id === activeId || !HIDDEN_ORIGINS.has(byId[id]?.origin?.kind ?? ''));
}

/** True when the session has ended (or never could send: imported). */
export function isEnded(summary: SessionSummary | undefined): boolean {
  return summary !== undefined && summary.state === 'closed';
}

/** The sessions slice. */
export function createSessionsSlice(set: SetApp, get: GetApp): SessionsSlice {
  const patch = (value: Partial<SessionsSlice> | ((slice: SessionsSlice) => Partial<SessionsSlice>)): void =>
    patchSlice(set, 'sessions', value);

  const placeholder = (id: string, url: string, previousSessionId?: string): SessionSummary => ({
    id,
    url,
    state: 'connecting',
    openedAt: Date.now(),
    counts: { records: 0, framesIn: 0, framesOut: 0 },
    statusCode: null,
    readOnly: false,
    ...(previousSessionId ? { previousSessionId } : {}),
  });

  /** A session that ended without a response: find its `error` event among the first records. */
  const loadFailure = async (id: string): Promise<void> => {
    const page = await get().api.getRecords(id, 0, 64);
    const row = page.rows.find((each): each is Extract<typeof each, { kind: 'event' }> => each.kind === 'event' && each.name === 'error');
    if (!row) {
      patch((slice) => ({ failures: { ...slice.failures, [id]: null } }));
      return;
    }
    const record = (await get().api.getRecord(id, row.seq)) as EventRecordJson;
    const failure: ConnectFailure = {
      seq: row.seq,
      stage: String(record.stage ?? 'connect'),
      message: record.message === undefined && record.i18n === undefined ? verbatim(row.summary) : eventMessage(record, 'message'),
      hint: record.hint === undefined && record.i18n?.hint === undefined ? null : eventMessage(record, 'hint'),
    };
    patch((slice) => ({ failures: { ...slice.failures, [id]: failure } }));
  };

  const follow = (summary: SessionSummary): void => {
    if (summary.state === 'closed' && summary.statusCode === null && get().sessions.failures[summary.id] === undefined) {
      loadFailure(summary.id).catch((error: unknown) => get().sessions.reportError(error));
    }
  };

  return {
    order: [],
    byId: {},
    activeId: null,
    recordCounts: {},
    handshakes: {},
    failures: {},
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
        list.forEach(follow);
        const { activeId } = get().sessions;
        const last = tabIds(get()).at(-1);
        if (activeId !== null && !list.some((summary) => summary.id === activeId)) patch({ activeId: null });
        if (get().sessions.activeId === null && last) get().sessions.select(last);
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    upsert(summary) {
      const before = get().sessions.byId[summary.id];
      patch((slice) => ({
        order: slice.order.includes(summary.id) ? slice.order : insertAfter(slice.order, summary.id, summary.previousSessionId),
        byId: { ...slice.byId, [summary.id]: summary },
        recordCounts: { ...slice.recordCounts, [summary.id]: Math.max(summary.counts.records, slice.recordCounts[summary.id] ?? 0) },
      }));
      if (before?.statusCode !== summary.statusCode || before?.state !== summary.state) void get().sessions.loadHandshake(summary.id);
      follow(summary);
    },

    remove(id) {
      const { sessions } = get();
      if (!sessions.byId[id]) return;
      const tabs = tabIds(get());
      const position = tabs.indexOf(id);
      const without = <T>(record: Readonly<Record<string, T>>): Record<string, T> => {
        const { [id]: _removed, ...rest } = record;
        return rest;
      };
      patch((slice) => ({
        order: slice.order.filter((each) => each !== id),
        byId: without(slice.byId),
        recordCounts: without(slice.recordCounts),
        handshakes: without(slice.handshakes),
        failures: without(slice.failures),
        activeId: slice.activeId === id ? null : slice.activeId,
      }));
      get().settings.forget(id);
      get().timeline.forget(id);
      if (sessions.activeId !== id) return;
      // The neighbour takes the closed tab's place, as in any tabbed editor.
      const remaining = tabs.filter((each) => each !== id);
      const next = remaining[Math.min(position, remaining.length - 1)];
      if (next) get().sessions.select(next);
      else get().timeline.showSession(null);
    },

    select(id) {
      if (get().sessions.activeId === id) return;
      patch({ activeId: id });
      get().timeline.showSession(id);
      get().settings.showSession(id);
      if (get().sessions.handshakes[id] === undefined) void get().sessions.loadHandshake(id);
    },

    selectRelative(step) {
      const tabs = tabIds(get());
      if (tabs.length === 0) return;
      const current = tabs.indexOf(get().sessions.activeId ?? '');
      const next = tabs[(current + step + tabs.length) % tabs.length];
      if (next) get().sessions.select(next);
    },

    async connect() {
      const form = get().settings.validForm();
      if (!form) return;
      try {
        const { sessionId } = await get().api.openSession(form);
        get().settings.adopt(sessionId, form);
        get().sessions.upsert(get().sessions.byId[sessionId] ?? placeholder(sessionId, form.url));
        get().sessions.select(sessionId);
        patch({ notice: null });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async reconnect(id = get().sessions.activeId ?? undefined) {
      if (id === undefined) return;
      const summary = get().sessions.byId[id];
      if (!summary || summary.origin?.kind === 'listen') return;
      const form = get().settings.validForm(id);
      if (!form) return;
      try {
        // Reconnecting replaces a connection that is still up: end it the normal way first.
        if (summary.state === 'open' && !summary.readOnly) await get().api.closeSession(id, {});
        const { sessionId } = await get().api.reconnectSession(id, form);
        get().settings.adopt(sessionId, form);
        get().sessions.upsert(get().sessions.byId[sessionId] ?? placeholder(sessionId, form.url, id));
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

    async close(ids) {
      const known = ids.filter((id) => get().sessions.byId[id] !== undefined);
      for (const id of known) get().sessions.remove(id);
      const failures = await Promise.allSettled(known.map((id) => get().api.forgetSession(id)));
      const failed = failures.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      // A session main already forgot is gone either way; anything else is worth saying.
      if (failed && !/no session/.test(errorMessage(failed.reason))) get().sessions.reportError(failed.reason);
    },

    async closeOthers(id) {
      await get().sessions.close(tabIds(get()).filter((each) => each !== id));
    },

    async closeEnded() {
      const { byId } = get().sessions;
      await get().sessions.close(tabIds(get()).filter((id) => isEnded(byId[id])));
    },

    async closeAll() {
      await get().sessions.close(tabIds(get()));
    },

    async rename(id, name) {
      const summary = get().sessions.byId[id];
      if (!summary) return;
      const trimmed = name.trim();
      const { name: _previous, ...rest } = summary;
      patch((slice) => ({ byId: { ...slice.byId, [id]: trimmed === '' ? rest : { ...rest, name: trimmed } } }));
      try {
        await get().api.updateSession(id, { name: trimmed === '' ? null : trimmed });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async move(id, tabIndex) {
      const tabs = tabIds(get());
      const from = tabs.indexOf(id);
      if (from === -1) return;
      const target = Math.max(0, Math.min(tabIndex, tabs.length - 1));
      if (target === from) return;
      const anchor = tabs[target]!;
      const order = get().sessions.order.filter((each) => each !== id);
      const anchorIndex = order.indexOf(anchor);
      const index = target > from ? anchorIndex + 1 : anchorIndex;
      patch({ order: [...order.slice(0, index), id, ...order.slice(index)] });
      try {
        await get().api.updateSession(id, { index });
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

/** `order` with `id` after `afterId` (a reconnect beside what it reconnects), else at the end. */
function insertAfter(order: readonly string[], id: string, afterId: string | undefined): string[] {
  const index = afterId === undefined ? -1 : order.indexOf(afterId);
  return index === -1 ? [...order, id] : [...order.slice(0, index + 1), id, ...order.slice(index + 1)];
}
