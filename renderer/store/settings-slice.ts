import type { Profile, ProfileProblem } from '../../shared/contract/profile.js';
import { defaultSessionOptions, sessionOptionsSchema } from '../../shared/contract/session-options.js';
import type { SessionOptions } from '../../shared/contract/session-options.js';
import { patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** The connection form (URL and every session option) and the saved profiles. */
export interface SettingsSlice {
  readonly url: string;
  readonly options: SessionOptions;
  readonly isDrawerOpen: boolean;
  readonly profiles: readonly Profile[];
  readonly profileProblems: readonly ProfileProblem[];
  readonly profileName: string;
  setUrl(url: string): void;
  updateOptions(change: (options: SessionOptions) => SessionOptions): void;
  setDrawerOpen(isOpen: boolean): void;
  setProfileName(name: string): void;
  /** The validated options to open a session with, or null (the problem is shown as a notice). */
  optionsForConnect(): SessionOptions | null;
  loadProfiles(): Promise<void>;
  saveProfile(): Promise<void>;
  applyProfile(name: string): void;
  deleteProfile(name: string): Promise<void>;
}

/** The settings slice. */
export function createSettingsSlice(set: SetApp, get: GetApp): SettingsSlice {
  const patch = (value: Partial<SettingsSlice> | ((slice: SettingsSlice) => Partial<SettingsSlice>)): void =>
    patchSlice(set, 'settings', value);

  return {
    url: 'ws://127.0.0.1:8080/',
    options: defaultSessionOptions('ws://127.0.0.1:8080/'),
    isDrawerOpen: false,
    profiles: [],
    profileProblems: [],
    profileName: '',

    setUrl(url) {
      patch({ url });
    },

    updateOptions(change) {
      patch((slice) => ({ options: change(slice.options) }));
    },

    setDrawerOpen(isOpen) {
      patch({ isDrawerOpen: isOpen });
    },

    setProfileName(name) {
      patch({ profileName: name });
    },

    optionsForConnect() {
      const { url, options } = get().settings;
      const parsed = sessionOptionsSchema.safeParse({ ...options, url: url.trim() });
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      get().sessions.showNotice({ kind: 'error', message: `${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid'}` });
      return null;
    },

    async loadProfiles() {
      try {
        const list = await get().api.listProfiles();
        patch({ profiles: list.profiles, profileProblems: list.problems });
        if (list.problems.length > 0) {
          const problem = list.problems[0];
          get().sessions.showNotice({ kind: 'error', message: `Profile file ${problem?.fileName} could not be loaded: ${problem?.message}${problem?.keptAs ? ` (kept as ${problem.keptAs})` : ''}` });
        }
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    async saveProfile() {
      const name = get().settings.profileName.trim();
      const options = get().settings.optionsForConnect();
      if (!name || !options) return;
      try {
        const saved = await get().api.saveProfile(name, options);
        patch((slice) => ({ profiles: [...slice.profiles.filter((profile) => profile.name !== name), saved].sort((a, b) => a.name.localeCompare(b.name)) }));
        get().sessions.showNotice({ kind: 'info', message: `Profile "${name}" saved` });
      } catch (error) {
        get().sessions.reportError(error);
      }
    },

    applyProfile(name) {
      const profile = get().settings.profiles.find((item) => item.name === name);
      if (profile) patch({ url: profile.options.url, options: profile.options, profileName: profile.name });
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
