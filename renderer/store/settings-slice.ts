import type { Profile, ProfileProblem } from '../../shared/contract/profile.js';
import { fieldIssueText } from '../../shared/i18n/schema-issue-text.js';
import { defaultSessionOptions, sessionOptionsSchema } from '../../shared/contract/session-options.js';
import type { SessionOptions } from '../../shared/contract/session-options.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { keepLiveUnopenedSecrets } from '../../shared/settings/unopened-secrets.js';
import { patchSlice } from './types.js';
import type { AppState, GetApp, SetApp } from './types.js';

/** The URL as typed and every other option of one connection. */
export interface SessionForm {
  readonly url: string;
  readonly options: SessionOptions;
}

/** The form of the connection bar before any tab exists. */
export const NEW_FORM = 'new';
/** The Doctor's own URL and settings, apart from any tab's. */
export const DOCTOR_FORM = 'doctor';
/** The conformance battery's own URL and settings, like the Doctor's. */
export const CONFORMANCE_FORM = 'conformance';
/** The Fan-out view's own URL and settings. */
export const FANOUT_FORM = 'fanout';
/** The relay's upstream connection settings (the settings drawer in the Relay view). */
export const RELAY_FORM = 'relay';

const DEFAULT_URL = 'ws://127.0.0.1:8080/';
const DEFAULT_FORM: SessionForm = { url: DEFAULT_URL, options: defaultSessionOptions(DEFAULT_URL) };

/**
 * The connection forms: one per tab (selecting a tab shows the URL and settings it was opened with,
 * and edits stay with that tab until Connect or Reconnect uses them), one for a new connection and
 * one for the Doctor. Plus the saved profiles.
 */
export interface SettingsSlice {
  readonly forms: Readonly<Record<string, SessionForm>>;
  /** Each tab's settings as opened, to undo edits that Connect turned into a new tab. */
  readonly originals: Readonly<Record<string, SessionForm>>;
  readonly isDrawerOpen: boolean;
  readonly profiles: readonly Profile[];
  readonly profileProblems: readonly ProfileProblem[];
  readonly profileName: string;
  setUrl(url: string): void;
  updateOptions(change: (options: SessionOptions) => SessionOptions): void;
  setDrawerOpen(isOpen: boolean): void;
  setProfileName(name: string): void;
  /** The validated options of a form (the shown one by default), or null (the problem is shown as a notice). */
  validForm(key?: string): SessionOptions | null;
  /** A new session was opened from `options`: its tab keeps them, and the form it came from is restored. */
  adopt(sessionId: string, options: SessionOptions): void;
  /** Makes sure a tab has a form: its options from main, or its URL with defaults (imported, listened). */
  showSession(id: string): void;
  forget(id: string): void;
  /** Copies one form into another (the Doctor takes a failed tab's URL and settings). */
  copyForm(from: string, to: string): void;
  /** Replaces a form with settings read from a file (the relay's saved connection settings fill its drawer). */
  setForm(key: string, form: SessionForm): void;
  loadProfiles(): Promise<void>;
  saveProfile(): Promise<void>;
  applyProfile(name: string): void;
  deleteProfile(name: string): Promise<void>;
}

/** Which form the window shows: the Doctor's, the battery's, the fan-out's or the relay's in their views, else the shown tab's. */
export function formKey(state: AppState): string {
  if (state.workspace.view === 'doctor') return DOCTOR_FORM;
  if (state.workspace.view === 'conformance') return CONFORMANCE_FORM;
  if (state.workspace.view === 'fanout') return FANOUT_FORM;
  if (state.workspace.view === 'relay') return RELAY_FORM;
  return state.sessions.activeId ?? NEW_FORM;
}

/** The form the window shows. */
export function currentForm(state: AppState): SessionForm {
  return state.settings.forms[formKey(state)] ?? DEFAULT_FORM;
}

function formFor(url: string): SessionForm {
  const parsed = sessionOptionsSchema.safeParse({ url });
  return parsed.success ? { url, options: parsed.data } : { url, options: DEFAULT_FORM.options };
}

/** A form whose marks of secrets this process could not open (docs/settings-files.md) keep only those still empty in their place. */
function withLiveMarks(form: SessionForm): SessionForm {
  const options = keepLiveUnopenedSecrets(form.options, { ...form.options, url: form.url });
  return options === form.options ? form : { ...form, options };
}

/** The settings slice. */
export function createSettingsSlice(set: SetApp, get: GetApp): SettingsSlice {
  const patch = (value: Partial<SettingsSlice> | ((slice: SettingsSlice) => Partial<SettingsSlice>)): void =>
    patchSlice(set, 'settings', value);
  const editCurrent = (change: (form: SessionForm) => SessionForm): void => {
    const key = formKey(get());
    const form = currentForm(get());
    patch((slice) => ({ forms: { ...slice.forms, [key]: withLiveMarks(change(form)) } }));
  };

  return {
    forms: { [NEW_FORM]: DEFAULT_FORM, [DOCTOR_FORM]: DEFAULT_FORM, [CONFORMANCE_FORM]: DEFAULT_FORM, [FANOUT_FORM]: DEFAULT_FORM, [RELAY_FORM]: DEFAULT_FORM },
    originals: {},
    isDrawerOpen: false,
    profiles: [],
    profileProblems: [],
    profileName: '',

    setUrl(url) {
      editCurrent((form) => ({ ...form, url }));
    },

    updateOptions(change) {
      editCurrent((form) => ({ ...form, options: change(form.options) }));
    },

    setDrawerOpen(isOpen) {
      patch({ isDrawerOpen: isOpen });
    },

    setProfileName(name) {
      patch({ profileName: name });
    },

    validForm(key = formKey(get())) {
      const form = get().settings.forms[key] ?? DEFAULT_FORM;
      const parsed = sessionOptionsSchema.safeParse({ ...form.options, url: form.url.trim() });
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0]!;
      get().sessions.showNotice({ kind: 'error', message: fieldIssueText(issue.path.join('.') || 'options', issue) });
      return null;
    },

    adopt(sessionId, options) {
      const form = { url: options.url, options };
      const source = formKey(get());
      patch((slice) => {
        const forms = { ...slice.forms, [sessionId]: form };
        // The tab the edit came from keeps its own settings; the new connection took the edit.
        const original = slice.originals[source];
        if (original && source !== sessionId) forms[source] = original;
        return { forms, originals: { ...slice.originals, [sessionId]: form } };
      });
    },

    showSession(id) {
      if (get().settings.forms[id]) return;
      const summary = get().sessions.byId[id];
      const fallback = formFor(summary?.url ?? DEFAULT_URL);
      patch((slice) => ({ forms: { ...slice.forms, [id]: fallback } }));
      get()
        .api.getSessionOptions(id)
        .then((options) => {
          if (!options || get().settings.forms[id] !== fallback) return;
          const form = { url: options.url, options };
          patch((slice) => ({ forms: { ...slice.forms, [id]: form }, originals: { ...slice.originals, [id]: form } }));
        })
        .catch(() => undefined);
    },

    forget(id) {
      patch((slice) => {
        const { [id]: _form, ...forms } = slice.forms;
        const { [id]: _original, ...originals } = slice.originals;
        return { forms, originals };
      });
    },

    copyForm(from, to) {
      const form = get().settings.forms[from];
      if (form) patch((slice) => ({ forms: { ...slice.forms, [to]: form } }));
    },

    setForm(key, form) {
      patch((slice) => ({ forms: { ...slice.forms, [key]: form } }));
    },

    async loadProfiles() {
      try {
        const list = await get().api.listProfiles();
        patch({ profiles: list.profiles, profileProblems: list.problems });
        const problem = list.problems[0];
        if (problem) {
          get().sessions.showNotice({
            kind: 'error',
            message: (t) => profileProblemText(t, problem),
          });
        }
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async saveProfile() {
      const name = get().settings.profileName.trim();
      const options = get().settings.validForm();
      if (!name || !options) return;
      try {
        const saved = await get().api.saveProfile(name, options);
        patch((slice) => ({ profiles: [...slice.profiles.filter((profile) => profile.name !== name), saved].sort((a, b) => a.name.localeCompare(b.name)) }));
        get().sessions.showNotice({ kind: 'info', message: (t) => t('connection:profile.saved', { name }) });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    applyProfile(name) {
      const profile = get().settings.profiles.find((item) => item.name === name);
      if (!profile) return;
      editCurrent(() => ({ url: profile.options.url, options: profile.options }));
      patch({ profileName: profile.name });
    },

    async deleteProfile(name) {
      try {
        await get().api.deleteProfile(name);
        patch((slice) => ({ profiles: slice.profiles.filter((profile) => profile.name !== name) }));
      } catch (error) {
        get().sessions.reportError(error);
      }
    },
  };
}

/** A profile problem in the reader's language: a password that cannot be opened here as its own sentence, a file kept aside with where it went. */
export function profileProblemText(t: Translate, problem: ProfileProblem): string {
  if (problem.text) return renderMessage(t, problem.text);
  return problem.keptAs ? t('connection:profile.problemKept', { message: problem.message, keptAs: problem.keptAs }) : t('connection:profile.problem', { message: problem.message });
}
