import { preferencesSchema, type Preferences } from '../../shared/contract/user-data.js';
import { errorMessage, patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** Preferences are saved this long after the last change, so dragging a splitter is one write. */
const SAVE_DELAY_MS = 500;

/**
 * The window's layout and view choices (time format, frames or messages, columns, pane sizes,
 * language), kept by main in the app data folder so they survive restarts of the app and of
 * `frameline ui`. Loading also restores the composer's snippets and history.
 */
export interface PreferencesSlice {
  readonly values: Preferences;
  readonly isLoaded: boolean;
  /** Loads everything main keeps for the user; a file it had to set aside is reported once. */
  load(): Promise<void>;
  update(change: (values: Preferences) => Preferences): void;
  /** Saves a pending change now (before the window goes away). */
  flush(): Promise<void>;
}

/** The preferences slice. */
export function createPreferencesSlice(set: SetApp, get: GetApp): PreferencesSlice {
  const patch = (value: Partial<PreferencesSlice>): void => patchSlice(set, 'preferences', value);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isDirty = false;
  // Changes made before the first load answered (a choice in the window's first moments, or on a
  // slow machine), replayed on what it loads: otherwise the loaded values would silently undo them.
  let beforeLoad: ((values: Preferences) => Preferences)[] | null = [];
  // No save while the load is on its way: it would write the defaults under the user's file.
  let isLoading = false;
  const scheduleSave = (): void => {
    isDirty = true;
    clearTimeout(timer);
    timer = setTimeout(() => void save(), SAVE_DELAY_MS);
  };

  const save = async (): Promise<void> => {
    clearTimeout(timer);
    if (!isDirty || isLoading) return;
    isDirty = false;
    try {
      await get().api.saveUserData({ kind: 'preferences', preferences: get().preferences.values });
    } catch (error) {
      get().sessions.showNotice({ kind: 'error', message: (t) => t('common:preferences.saveFailed', { message: errorMessage(error) }) });
    }
  };

  return {
    values: preferencesSchema.parse({}),
    isLoaded: false,

    async load() {
      isLoading = true;
      try {
        const data = await get().api.loadUserData();
        isLoading = false;
        const values = (beforeLoad ?? []).reduce((loaded, change) => change(loaded), data.preferences);
        beforeLoad = null;
        patch({ values, isLoaded: true });
        if (values !== data.preferences) scheduleSave();
        get().composer.restore(data.snippets, data.history);
        get().timeline.setFilter({ unit: values.timelineUnit });
        const problem = data.problems[0];
        if (problem) {
          get().sessions.showNotice({
            kind: 'error',
            message: (t) => (problem.keptAs ? t('common:preferences.problemKept', { message: problem.message, keptAs: problem.keptAs }) : t('common:preferences.problem', { message: problem.message })),
          });
        }
      } catch (error) {
        isLoading = false;
        beforeLoad = null;
        patch({ isLoaded: true });
        if (isDirty) scheduleSave();
        get().sessions.reportError(error);
      }
    },

    update(change) {
      const values = change(get().preferences.values);
      if (values === get().preferences.values) return;
      beforeLoad?.push(change);
      patch({ values });
      scheduleSave();
    },

    flush: save,
  };
}
