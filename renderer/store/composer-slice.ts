import { buildSendRequest, opcodeForMode } from '../features/composer/build-send-request.js';
import type { AdvancedFrameOptions, BinaryEncoding, ComposerMode } from '../features/composer/build-send-request.js';
import { errorMessage, patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** One sent message, for arrow-up recall. */
export interface HistoryEntry {
  readonly mode: ComposerMode;
  readonly text: string;
  readonly binaryEncoding: BinaryEncoding;
}

/** A saved snippet: a named history entry. */
export interface Snippet extends HistoryEntry {
  readonly name: string;
}

/** The composer: the draft of each mode, frame options, history and snippets. */
export interface ComposerSlice {
  readonly mode: ComposerMode;
  readonly drafts: Readonly<Record<ComposerMode, string>>;
  readonly binaryEncoding: BinaryEncoding;
  readonly closeCode: string;
  readonly closeReason: string;
  readonly advanced: AdvancedFrameOptions;
  readonly history: readonly HistoryEntry[];
  /** Position while recalling with arrow keys; null when editing a fresh draft. */
  readonly historyCursor: number | null;
  readonly snippets: readonly Snippet[];
  readonly error: string | null;
  readonly isSending: boolean;
  setMode(mode: ComposerMode): void;
  setDraft(text: string): void;
  update(change: Partial<Pick<ComposerSlice, 'binaryEncoding' | 'closeCode' | 'closeReason'>>): void;
  updateAdvanced(change: Partial<AdvancedFrameOptions>): void;
  send(): Promise<void>;
  /** Moves through history: -1 older, +1 newer. Returns false when there is nothing further. */
  recall(step: -1 | 1): boolean;
  saveSnippet(name: string): void;
  deleteSnippet(name: string): void;
  loadSnippet(name: string): void;
}

const MAX_HISTORY = 200;
const SNIPPETS_KEY = 'frameline.composer.snippets';

/** Snippets live in the page's storage: they are the user's drafts, not session data. */
function loadSnippets(): Snippet[] {
  try {
    const raw = globalThis.localStorage?.getItem(SNIPPETS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((item): item is Snippet => typeof item?.name === 'string' && typeof item?.text === 'string') : [];
  } catch {
    return [];
  }
}

function storeSnippets(snippets: readonly Snippet[]): void {
  try {
    globalThis.localStorage?.setItem(SNIPPETS_KEY, JSON.stringify(snippets));
  } catch {
    // Storage may be unavailable (private mode); snippets then last for this window only.
  }
}

/** The composer slice. */
export function createComposerSlice(set: SetApp, get: GetApp): ComposerSlice {
  const patch = (value: Partial<ComposerSlice> | ((slice: ComposerSlice) => Partial<ComposerSlice>)): void =>
    patchSlice(set, 'composer', value);
  const applyEntry = (entry: HistoryEntry): Partial<ComposerSlice> => ({
    mode: entry.mode,
    binaryEncoding: entry.binaryEncoding,
    drafts: { ...get().composer.drafts, [entry.mode]: entry.text },
  });

  return {
    mode: 'text',
    drafts: { text: '', json: '{\n  \n}', binary: '', ping: '', pong: '', close: '' },
    binaryEncoding: 'hex',
    closeCode: '1000',
    closeReason: '',
    advanced: { isEnabled: false, opcode: 1, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'random', fixedKeyHex: '', fragmentSize: 0 },
    history: [],
    historyCursor: null,
    snippets: loadSnippets(),
    error: null,
    isSending: false,

    setMode(mode) {
      patch((slice) => ({ mode, error: null, advanced: { ...slice.advanced, opcode: opcodeForMode(mode) } }));
    },

    setDraft(text) {
      patch((slice) => (slice.drafts[slice.mode] === text ? {} : { drafts: { ...slice.drafts, [slice.mode]: text }, historyCursor: null }));
    },

    update(change) {
      patch({ ...change, error: null });
    },

    updateAdvanced(change) {
      patch((slice) => ({ advanced: { ...slice.advanced, ...change }, error: null }));
    },

    async send() {
      const composer = get().composer;
      const sessionId = get().sessions.activeId;
      if (!sessionId) return;
      const text = composer.drafts[composer.mode];
      const built = buildSendRequest({ ...composer, text });
      if ('error' in built) {
        patch({ error: built.error });
        return;
      }
      patch({ isSending: true, error: null });
      try {
        await get().api.send(sessionId, built.request);
        const entry: HistoryEntry = { mode: composer.mode, text, binaryEncoding: composer.binaryEncoding };
        patch((slice) => {
          const last = slice.history[slice.history.length - 1];
          const isRepeat = last?.mode === entry.mode && last.text === entry.text;
          return { history: isRepeat ? slice.history : [...slice.history, entry].slice(-MAX_HISTORY), historyCursor: null };
        });
        get().timeline.setFollowTail(true);
      } catch (error) {
        patch({ error: errorMessage(error) });
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
      const composer = get().composer;
      const snippet: Snippet = { name, mode: composer.mode, text: composer.drafts[composer.mode], binaryEncoding: composer.binaryEncoding };
      const snippets = [...composer.snippets.filter((item) => item.name !== name), snippet].sort((a, b) => a.name.localeCompare(b.name));
      storeSnippets(snippets);
      patch({ snippets });
    },

    deleteSnippet(name) {
      const snippets = get().composer.snippets.filter((item) => item.name !== name);
      storeSnippets(snippets);
      patch({ snippets });
    },

    loadSnippet(name) {
      const snippet = get().composer.snippets.find((item) => item.name === name);
      if (snippet) patch(applyEntry(snippet));
    },
  };
}
