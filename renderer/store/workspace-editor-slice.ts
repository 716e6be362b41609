import type { EnvironmentSecretsEdit, WorkspaceView } from '../../shared/contract/api-workspace.js';
import { idFromName } from '../../shared/workspace/entity-id.js';
import type { EnvironmentFile } from '../../shared/workspace/environment-file.js';
import { errorMessage, patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** What the workspace editor shows: the environments (one of them selected), or one connection's settings. */
export type EditorTarget = { readonly kind: 'environments'; readonly environmentId: string | null } | { readonly kind: 'connection'; readonly connectionId: string };

/**
 * Editing the open workspace from the window: environments (add, rename, delete, variables) and
 * secrets (set, clear, and revealed only when asked), or one connection's settings (saved through
 * the workspace files slice). Every change is written by main; the returned view replaces the sidebar's.
 */
export interface WorkspaceEditorSlice {
  readonly target: EditorTarget | null;
  /** Shows the editor, with the workspace read again first. */
  open(target: EditorTarget): void;
  close(): void;
  /** Creates an empty environment named `name`; returns its id, or null when it failed. */
  addEnvironment(name: string): Promise<string | null>;
  deleteEnvironment(id: string): Promise<boolean>;
  /** Writes an environment and its secret changes; true when saved. */
  saveEnvironment(file: EnvironmentFile, secrets: EnvironmentSecretsEdit): Promise<boolean>;
  /** Sets or clears stored secret values at once (`*`: those of every environment). */
  setSecrets(scope: string, values: Readonly<Record<string, string | null>>): Promise<boolean>;
  /** A stored secret in clear, fetched only because the user pressed Reveal; null when none is stored. */
  revealSecret(scope: string, name: string): Promise<string | null>;
}

/** The workspace editor slice. */
export function createWorkspaceEditorSlice(set: SetApp, get: GetApp): WorkspaceEditorSlice {
  const patch = (value: Partial<WorkspaceEditorSlice>): void => patchSlice(set, 'workspaceEditor', value);
  const showView = (view: WorkspaceView): void => patchSlice(set, 'workspaceFiles', { view });
  /** Runs a change; a failure becomes the notice, never an exception in a click handler. */
  const attempt = async <T>(change: () => Promise<T>, failed: T): Promise<T> => {
    try {
      return await change();
    } catch (error) {
      get().sessions.showNotice({ kind: 'error', message: errorMessage(error) });
      return failed;
    }
  };

  return {
    target: null,

    open(target) {
      patch({ target });
      // The files (and which secrets are stored) as they are now: they may have changed on disk or from another window.
      void attempt(async () => {
        const view = await get().api.getWorkspace();
        if (view) showView(view);
      }, undefined);
    },

    close() {
      patch({ target: null });
    },

    addEnvironment: (name) =>
      attempt(async () => {
        const taken = new Set(get().workspaceFiles.view?.environments.map((environment) => environment.id));
        const id = idFromName(name, taken);
        showView(await get().api.saveWorkspaceEnvironment({ format: 'frameline-environment', version: 1, id, name: name.trim(), variables: [] }));
        patch({ target: { kind: 'environments', environmentId: id } });
        return id;
      }, null),

    deleteEnvironment: (id) =>
      attempt(async () => {
        showView(await get().api.deleteWorkspaceEnvironment(id));
        patch({ target: { kind: 'environments', environmentId: null } });
        return true;
      }, false),

    saveEnvironment: (file, secrets) =>
      attempt(async () => {
        showView(await get().api.editWorkspaceEnvironment(file, secrets));
        return true;
      }, false),

    setSecrets: (scope, values) =>
      attempt(async () => {
        showView(await get().api.setWorkspaceSecrets(scope, { ...values }));
        return true;
      }, false),

    revealSecret: (scope, name) => attempt(async () => (await get().api.revealWorkspaceSecret(scope, name)).value, null),
  };
}
