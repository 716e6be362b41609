import type { SendRequest } from '../../shared/contract/api-send.js';
import type { HistoryEntry, Snippet } from '../../shared/contract/user-data.js';
import { buildSendRequest, jsonProblem, MODE_ENCODINGS, opcodeForMode } from '../features/composer/build-send-request.js';
import type { AdvancedFrameOptions, ComposerMode, PayloadEncoding } from '../features/composer/build-send-request.js';
import type { ComposerDraft } from '../features/composer/draft-from-payload.js';
import { sendingRole } from '../features/composer/sending-role.js';
import type { Text } from '../lib/text.js';
import { errorMessage, patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** The composer: the draft of each mode, each mode's encoding, frame options, history and snippets. */
export interface ComposerSlice {
  readonly mode: ComposerMode;
  readonly drafts: Readonly<Record<ComposerMode, string>>;
  readonly encodings: Readonly<Record<ComposerMode, PayloadEncoding>>;
  readonly closeCode: string;
  readonly closeReason: string;
  readonly advanced: AdvancedFrameOptions;
  readonly history: readonly HistoryEntry[];
  /** Position while recalling with arrow keys; null when editing a fresh draft. */
  readonly historyCursor: number | null;
  readonly snippets: readonly Snippet[];
  readonly error: Text | null;
  /** JSON mode: why the draft is not JSON; sending again sends it anyway (malformed on purpose is allowed). */
  readonly jsonWarning: string | null;
  readonly isSending: boolean;
  /** Bumped when the editor should take the keyboard focus (after loading a snippet, "edit in composer"). */
  readonly focusRequest: number;
  setMode(mode: ComposerMode): void;
  setDraft(text: string): void;
  setEncoding(encoding: PayloadEncoding): void;
  update(change: Partial<Pick<ComposerSlice, 'closeCode' | 'closeReason'>>): void;
  updateAdvanced(change: Partial<AdvancedFrameOptions>): void;
  send(): Promise<void>;
  /** Sends one request as is on the shown session (resend); true when main took it. */
  sendRequest(request: SendRequest): Promise<boolean>;
  /** Moves through history: -1 older, +1 newer. Returns false when there is nothing further. */
  recall(step: -1 | 1): boolean;
  saveSnippet(name: string): void;
  deleteSnippet(name: string): void;
  loadSnippet(name: string): void;
  /** Puts a message into the composer to edit and send, and focuses the editor. */
  edit(draft: ComposerDraft): void;
  /** Replaces snippets and history with what main loaded at start. */
  restore(snippets: readonly Snippet[], history: readonly HistoryEntry[]): void;
}

const MAX_HISTORY = 200;
/** History is saved this long after the last send, so a burst of sends is one write. */
const HISTORY_SAVE_DELAY_MS = 400;

/** The composer slice. */
export function createComposerSlice(set: SetApp, get: GetApp): ComposerSlice {
  const patch = (value: Partial<ComposerSlice> | ((slice: ComposerSlice) => Partial<ComposerSlice>)): void =>
    patchSlice(set, 'composer', value);
  let historyTimer: ReturnType<typeof setTimeout> | undefined;

  const saveSnippets = (snippets: readonly Snippet[]): void => {
    get()
      .api.saveUserData({ kind: 'snippets', snippets: [...snippets] })
      .catch((error: unknown) => get().sessions.showNotice({ kind: 'error', message: (t) => t('composer:snippet.saveFailed', { message: errorMessage(error) }) }));
  };
  const saveHistorySoon = (): void => {
    clearTimeout(historyTimer);
    historyTimer = setTimeout(() => {
      get()
        .api.saveUserData({ kind: 'history', history: [...get().composer.history] })
        .catch((error: unknown) => get().sessions.reportError(error));
    }, HISTORY_SAVE_DELAY_MS);
  };
  const applyEntry = (entry: HistoryEntry): Partial<ComposerSlice> => ({
    mode: entry.mode,
    encodings: { ...get().composer.encodings, [entry.mode]: entry.encoding },
    drafts: { ...get().composer.drafts, [entry.mode]: entry.text },
    ...(entry.closeCode !== undefined ? { closeCode: entry.closeCode } : {}),
    ...(entry.mode === 'close' && entry.encoding === 'text' ? { closeReason: entry.text } : {}),
    jsonWarning: null,
    error: null,
  });
  const currentEntry = (): HistoryEntry => {
    const { mode, drafts, encodings, closeCode, closeReason } = get().composer;
    const encoding = encodings[mode];
    // A close typed as code and reason keeps the reason as its text.
    if (mode === 'close' && encoding === 'text') return { mode, text: closeReason, encoding, closeCode };
    return { mode, text: drafts[mode], encoding };
  };

  return {
    mode: 'text',
    drafts: { text: '', json: '{\n  \n}', binary: '', ping: '', pong: '', close: '' },
    encodings: { text: 'text', json: 'text', binary: 'hex', ping: 'text', pong: 'text', close: 'text' },
    closeCode: '1000',
    closeReason: '',
    advanced: { isEnabled: false, opcode: 1, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'role', fixedKeyHex: '', fragmentSize: 0 },
    history: [],
    historyCursor: null,
    snippets: [],
    error: null,
    jsonWarning: null,
    isSending: false,
    focusRequest: 0,

    setMode(mode) {
      patch((slice) => ({ mode, error: null, jsonWarning: null, advanced: { ...slice.advanced, opcode: opcodeForMode(mode) } }));
    },

    setDraft(text) {
      patch((slice) => (slice.drafts[slice.mode] === text ? {} : { drafts: { ...slice.drafts, [slice.mode]: text }, historyCursor: null, jsonWarning: null }));
    },

    setEncoding(encoding) {
      patch((slice) => (MODE_ENCODINGS[slice.mode].includes(encoding) ? { encodings: { ...slice.encodings, [slice.mode]: encoding }, error: null } : {}));
    },

    update(change) {
      patch({ ...change, error: null });
    },

    updateAdvanced(change) {
      patch((slice) => ({ advanced: { ...slice.advanced, ...change }, error: null }));
    },

    async send() {
      const composer = get().composer;
      const text = composer.drafts[composer.mode];
      if (composer.mode === 'json' && !composer.advanced.isEnabled && composer.jsonWarning === null) {
        const problem = jsonProblem(text);
        if (problem !== null) {
          patch({ jsonWarning: problem });
          return;
        }
      }
      const role = sendingRole(get().sessions.byId[get().sessions.activeId ?? '']);
      const built = buildSendRequest({ ...composer, text, encoding: composer.encodings[composer.mode], role });
      if ('error' in built) {
        patch({ error: built.error });
        return;
      }
      const entry = currentEntry();
      if (await get().composer.sendRequest(built.request)) {
        patch((slice) => {
          const last = slice.history[slice.history.length - 1];
          const isRepeat = last?.mode === entry.mode && last.text === entry.text && last.encoding === entry.encoding && last.closeCode === entry.closeCode;
          return { history: isRepeat ? slice.history : [...slice.history, entry].slice(-MAX_HISTORY), historyCursor: null, jsonWarning: null };
        });
        saveHistorySoon();
      }
    },

    async sendRequest(request) {
      const sessionId = get().sessions.activeId;
      if (!sessionId) return false;
      patch({ isSending: true, error: null });
      try {
        await get().api.send(sessionId, request);
        get().timeline.setFollowTail(true);
        return true;
      } catch (error) {
        patch({ error: errorMessage(error) });
        return false;
      } finally {
        patch({ isSending: false });
      }
    },

    recall(step) {
      const { history, historyCursor } = get().composer;
      if (history.length === 0) return false;
      const from = historyCursor ?? history.length;
      const next = from + step;
      if (next < 0 || next > history.length) return false;
      if (next === history.length) {
        patch({ historyCursor: null });
        return true;
      }
      const entry = history[next];
      if (!entry) return false;
      patch({ ...applyEntry(entry), historyCursor: next });
      return true;
    },

    saveSnippet(name) {
      const snippet: Snippet = { name, ...currentEntry() };
      const snippets = [...get().composer.snippets.filter((item) => item.name !== name), snippet].sort((a, b) => a.name.localeCompare(b.name));
      patch({ snippets });
      saveSnippets(snippets);
    },

    deleteSnippet(name) {
      const snippets = get().composer.snippets.filter((item) => item.name !== name);
      patch({ snippets });
      saveSnippets(snippets);
    },

    loadSnippet(name) {
      const snippet = get().composer.snippets.find((item) => item.name === name);
      if (snippet) patch((slice) => ({ ...applyEntry(snippet), focusRequest: slice.focusRequest + 1 }));
    },

    edit(draft) {
      patch((slice) => ({
        ...applyEntry({ mode: draft.mode, text: draft.text, encoding: draft.encoding }),
        advanced: { ...slice.advanced, isEnabled: false, opcode: opcodeForMode(draft.mode) },
        ...(draft.closeCode !== undefined ? { closeCode: draft.closeCode } : {}),
        ...(draft.closeReason !== undefined ? { closeReason: draft.closeReason } : {}),
        focusRequest: slice.focusRequest + 1,
      }));
    },

    restore(snippets, history) {
      patch({ snippets, history: history.slice(-MAX_HISTORY), historyCursor: null });
    },
  };
}
