import type { z } from 'zod';
import type { EventPayload } from '../../shared/contract/api.js';
import { issueText } from '../../shared/i18n/schema-issue-text.js';
import type { ListedRelay, PausedMessageInfo, RelayCaInfo, RelayInfo, RelaySettings } from '../../shared/contract/api-relay.js';
import { relayConnectionSchema, relayOptionsSchema } from '../../shared/contract/api-relay.js';
import type { RelayLeg } from '../../shared/contract/records.js';
import { relayInterceptionSchema, type RelayInterception } from '../../shared/contract/relay-interception.js';
import { encodeBase64 } from '../../shared/protocol/base64.js';
import { encodeUtf8 } from '../../shared/protocol/utf8-text.js';
import { base64ToBytes, bytesToHex, hexToBytes, utf8DecodeStrict } from '../lib/bytes.js';
import { message, type Message } from '../../shared/i18n/message.js';
import { wholeNumber } from '../lib/whole-number.js';
import { patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';
import { RELAY_FORM, type SessionForm } from './settings-slice.js';
import { defaultSessionOptions } from '../../shared/contract/session-options.js';
import { keepLiveUnopenedSecrets } from '../../shared/settings/unopened-secrets.js';

/** The relay bar as typed. */
export interface RelayForm {
  readonly host: string;
  readonly port: string;
  /** Empty: an HTTP proxy only. */
  readonly upstreamUrl: string;
  readonly mode: 'frame-exact' | 'message';
}

/** A paused message being edited: text (or JSON) in monaco, binary as hex. */
export interface PausedEdit {
  readonly sessionId: string;
  readonly pausedId: number;
  readonly encoding: 'text' | 'hex';
  readonly isJson: boolean;
  readonly text: string;
}

/** What to send on a leg now. */
export interface InjectForm {
  readonly leg: RelayLeg;
  readonly kind: 'text' | 'binary' | 'ping';
  readonly text: string;
  readonly closeCode: string;
  readonly closeReason: string;
}

/**
 * The Relay view's state: the relay bar, the interception being edited (applied to running relays
 * and saved with the relay settings on Apply), the running relays, each relay session's paused
 * queue as main last pushed it, the session shown, and an edit in progress.
 */
export interface RelaySlice {
  readonly form: RelayForm;
  readonly interception: RelayInterception;
  readonly isInterceptionDirty: boolean;
  readonly relays: readonly RelayInfo[];
  readonly paused: Readonly<Record<string, readonly PausedMessageInfo[]>>;
  readonly shownSessionId: string | null;
  readonly edit: PausedEdit | null;
  readonly inject: InjectForm;
  readonly ca: RelayCaInfo | null;
  readonly isLoaded: boolean;
  /** What the last action could not do, shown by the view in the reader's language. */
  readonly problem: Message | null;
  setForm(change: Partial<RelayForm>): void;
  editInterception(change: (interception: RelayInterception) => RelayInterception): void;
  load(): Promise<void>;
  applyInterception(): Promise<void>;
  start(): Promise<void>;
  stop(relayId: string): Promise<void>;
  show(sessionId: string): void;
  applyPaused(event: EventPayload<'relayPausedChanged'>): void;
  applyAccepted(event: EventPayload<'relayAccepted'>): void;
  /** A relay started here or in another window: listed as running (once). */
  applyStarted(event: EventPayload<'relayStarted'>): void;
  /** A relay stopped here or in another window: no longer running; listed with its kept exchanges when main keeps them. */
  applyStopped(event: EventPayload<'relayStopped'>): void;
  resolve(pausedId: number, kind: 'forward' | 'drop' | 'duplicate'): Promise<void>;
  beginEdit(pausedId: number): Promise<void>;
  setEditText(text: string): void;
  cancelEdit(): void;
  submitEdit(): Promise<void>;
  setInject(change: Partial<InjectForm>): void;
  sendInject(): Promise<void>;
  closeLeg(): Promise<void>;
  showCa(): Promise<void>;
}

const defaultRelayUpstreamUrl = 'ws://127.0.0.1:8080/';

/** The relay slice. */
export function createRelaySlice(set: SetApp, get: GetApp): RelaySlice {
  const patch = (value: Partial<RelaySlice> | ((slice: RelaySlice) => Partial<RelaySlice>)): void => patchSlice(set, 'relay', value);
  const problem = (text: Message): void => patch({ problem: text });
  const shown = (): string | null => get().relay.shownSessionId;

  /** The settings as saved: the bar, the interception, and the drawer's connection settings the relay dials with. */
  const settingsNow = (options: RelaySettings['options']): RelaySettings => ({ options, interception: get().relay.interception, savedAt: 0 });

  return {
    form: { host: '127.0.0.1', port: '9080', upstreamUrl: defaultRelayUpstreamUrl, mode: 'frame-exact' },
    interception: relayInterceptionSchema.parse({}),
    isInterceptionDirty: false,
    relays: [],
    paused: {},
    shownSessionId: null,
    edit: null,
    inject: { leg: 'server', kind: 'text', text: '', closeCode: '1000', closeReason: '' },
    ca: null,
    isLoaded: false,
    problem: null,

    setForm(change) {
      patch((slice) => ({ form: { ...slice.form, ...change } }));
      if (change.upstreamUrl !== undefined) get().settings.setForm(RELAY_FORM, withUpstreamUrl(get().settings.forms[RELAY_FORM], change.upstreamUrl));
    },

    editInterception(change) {
      patch((slice) => ({ interception: change(slice.interception), isInterceptionDirty: true }));
    },

    async load() {
      try {
        const [{ settings, problem: loadProblem, problemText }, listed] = await Promise.all([get().api.loadRelaySettings(), get().api.listRelays()]);
        const relays = listed.filter((relay) => !relay.isStopped).map(relayInfo);
        // A reloaded window lists the stopped relays' kept exchanges as the window that stopped them does.
        get().relayHttp.listStopped(listed.filter((relay) => relay.isStopped).map(relayInfo));
        const options = settings.options;
        get().settings.setForm(RELAY_FORM, drawerForm(get().settings.forms[RELAY_FORM], options));
        patch({
          form: { host: options.host, port: String(options.port), upstreamUrl: options.upstreamUrl ?? '', mode: options.mode },
          interception: settings.interception,
          isInterceptionDirty: false,
          relays,
          isLoaded: true,
          // A password that cannot be opened here is its own sentence: the settings did load.
          problem: problemText ?? (loadProblem ? message('relay:view.problem.settings', { detail: loadProblem }) : null),
        });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async applyInterception() {
      const parsed = relayInterceptionSchema.safeParse(get().relay.interception);
      if (!parsed.success) return problem(fieldProblem(parsed.error.issues[0]!));
      try {
        for (const relay of get().relay.relays) await get().api.setRelayInterception(relay.relayId, parsed.data);
        const options = optionsFromForm(get, problem);
        if (options) await get().api.saveRelaySettings(settingsNow(options));
        patch({ interception: parsed.data, isInterceptionDirty: false, problem: null });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async start() {
      const options = optionsFromForm(get, problem);
      if (!options) return;
      const interception = relayInterceptionSchema.safeParse(get().relay.interception);
      if (!interception.success) return problem(fieldProblem(interception.error.issues[0]!));
      try {
        const info = await get().api.startRelay(options, interception.data);
        patch((slice) => ({ relays: withRelay(slice.relays, info), isInterceptionDirty: false, problem: null }));
        await get().api.saveRelaySettings(settingsNow(options));
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async stop(relayId) {
      try {
        await get().api.stopRelay(relayId);
        // Main's `relayStopped` came before this answer and did it already; should it not have, the
        // relay goes all the same, listed with its exchanges when it passed some through (main keeps
        // only those).
        get().relay.applyStopped({ relayId, isKept: (get().relayHttp.byRelay[relayId]?.length ?? 0) > 0 });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    show(sessionId) {
      patch({ shownSessionId: sessionId, edit: null });
      get().sessions.select(sessionId);
      void get()
        .api.listPaused(sessionId)
        .then((paused) => patch((slice) => ({ paused: { ...slice.paused, [sessionId]: paused } })))
        .catch((error: unknown) => get().sessions.reportError(error));
    },

    applyPaused({ sessionId, paused }) {
      patch((slice) => ({
        paused: { ...slice.paused, [sessionId]: paused },
        // An edit of a message that is no longer paused (a rule, another window) ends.
        edit: slice.edit && slice.edit.sessionId === sessionId && !paused.some((each) => each.pausedId === slice.edit?.pausedId) ? null : slice.edit,
      }));
    },

    applyStarted(info) {
      patch((slice) => ({ relays: withRelay(slice.relays, info) }));
    },

    applyStopped({ relayId, isKept }) {
      const stopped = get().relay.relays.find((relay) => relay.relayId === relayId);
      if (!stopped) return;
      if (isKept) get().relayHttp.listStopped([stopped]);
      patch((slice) => ({ relays: slice.relays.filter((relay) => relay.relayId !== relayId) }));
    },

    applyAccepted({ sessionId }) {
      // The first client to arrive is shown at once; later ones wait in the list.
      if (shown() === null && get().workspace.view === 'relay') get().relay.show(sessionId);
    },

    async resolve(pausedId, kind) {
      const sessionId = shown();
      if (!sessionId) return;
      try {
        await get().api.resolvePaused(sessionId, pausedId, { kind });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async beginEdit(pausedId) {
      const sessionId = shown();
      if (!sessionId) return;
      try {
        const { base64, opcode } = await get().api.getPausedPayload(sessionId, pausedId);
        const bytes = base64ToBytes(base64);
        const text = opcode === 2 ? null : utf8DecodeStrict(bytes);
        if (text === null) return patch({ edit: { sessionId, pausedId, encoding: 'hex', isJson: false, text: bytesToHex(bytes, ' ') } });
        patch({ edit: { sessionId, pausedId, encoding: 'text', isJson: isJsonText(text), text } });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    setEditText(text) {
      patch((slice) => (slice.edit ? { edit: { ...slice.edit, text } } : {}));
    },

    cancelEdit() {
      patch({ edit: null });
    },

    async submitEdit() {
      const edit = get().relay.edit;
      if (!edit) return;
      const bytes = edit.encoding === 'hex' ? hexToBytes(edit.text) : encodeUtf8(edit.text);
      if (bytes === null) return problem(message('relay:view.problem.hex'));
      try {
        await get().api.resolvePaused(edit.sessionId, edit.pausedId, { kind: 'edit', base64: encodeBase64(bytes) });
        patch({ edit: null });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    setInject(change) {
      patch((slice) => ({ inject: { ...slice.inject, ...change } }));
    },

    async sendInject() {
      const sessionId = shown();
      const form = get().relay.inject;
      if (!sessionId) return;
      const bytes = form.kind === 'binary' ? hexToBytes(form.text) : encodeUtf8(form.text);
      if (bytes === null) return problem(message('relay:view.problem.hex'));
      const request = form.kind === 'text' ? { type: 'text' as const, data: form.text } : form.kind === 'binary' ? { type: 'binary' as const, base64: encodeBase64(bytes) } : { type: 'ping' as const, base64: encodeBase64(bytes) };
      try {
        await get().api.injectRelay(sessionId, form.leg, request);
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async closeLeg() {
      const sessionId = shown();
      const form = get().relay.inject;
      if (!sessionId) return;
      const code = form.closeCode.trim() === '' ? undefined : wholeNumber(form.closeCode, 0, 65535);
      if (code === null) return problem(message('relay:view.problem.closeCode'));
      try {
        await get().api.closeRelayLeg(sessionId, form.leg, { ...(code !== undefined ? { code } : {}), ...(form.closeReason ? { reason: form.closeReason } : {}) });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async showCa() {
      try {
        patch({ ca: await get().api.getRelayCa() });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },
  };
}

/** A listed relay as the view keeps it: running in `relays`, stopped in `relayHttp.stoppedRelays`. */
function relayInfo({ isStopped: _isStopped, ...info }: ListedRelay): RelayInfo {
  return info;
}

/** The relay bar and the settings drawer as relay options, or null with the problem shown. */
function optionsFromForm(get: GetApp, problem: (text: Message) => void): RelaySettings['options'] | null {
  const { form } = get().relay;
  const port = wholeNumber(form.port, 0, 65535);
  const upstream = form.upstreamUrl.trim();
  const parsed = relayOptionsSchema.safeParse({
    host: form.host.trim() || '127.0.0.1',
    port: port ?? -1,
    upstreamUrl: upstream === '' ? null : upstream,
    mode: form.mode,
    connection: relayConnectionSchema.parse(get().settings.forms[RELAY_FORM]?.options ?? {}),
  });
  if (parsed.success) return parsed.data;
  problem(port === null ? message('relay:view.problem.port') : fieldProblem(parsed.error.issues[0]!));
  return null;
}

/**
 * The drawer's form for saved relay options: their connection settings over what the drawer holds
 * for the rest, which the Relay view's drawer does not show (subprotocols, Origin and the deflate
 * offer come from the client's request; heartbeat, strict mode and the application protocol are the two ends').
 */
function drawerForm(current: SessionForm | undefined, options: RelaySettings['options']): SessionForm {
  const url = options.upstreamUrl ?? current?.url ?? defaultRelayUpstreamUrl;
  const base = current?.options ?? defaultSessionOptions(url);
  return { url, options: { ...base, ...options.connection, url } };
}

/**
 * The drawer's form with the relay bar's upstream URL as its URL, so the marks of secrets this
 * process could not open are judged against the URL as typed: a typed password or token ends its mark.
 */
function withUpstreamUrl(current: SessionForm | undefined, upstreamUrl: string): SessionForm {
  const options = current?.options ?? defaultSessionOptions(defaultRelayUpstreamUrl);
  return { url: upstreamUrl, options: keepLiveUnopenedSecrets(options, { ...options, url: upstreamUrl }) };
}

/** A settings field that failed validation, named by its path. */
function fieldProblem(issue: z.core.$ZodIssue): Message {
  return message('relay:view.problem.field', { field: issue.path.map(String).join('.'), detail: issueText(issue) });
}

function isJsonText(text: string): boolean {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// The relays with `info` listed once: a window hears of its own start both as the answer and as `relayStarted`.
function withRelay(relays: readonly RelayInfo[], info: RelayInfo): readonly RelayInfo[] {
  return relays.some((relay) => relay.relayId === info.relayId) ? relays : [...relays, info];
}
