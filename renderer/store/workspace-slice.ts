import { patchSlice } from './types.js';
import type { GetApp, SetApp } from './types.js';

/** What the window does: inspect sessions, diagnose a path, listen as a server, test a server's conformance, relay a client to its server, probe a cluster's fan-out. */
export type WorkspaceView = 'inspect' | 'doctor' | 'listen' | 'conformance' | 'relay' | 'fanout';

/** Which view fills the window, and whether the keyboard shortcut sheet is open. */
export interface WorkspaceSlice {
  readonly view: WorkspaceView;
  readonly isShortcutSheetOpen: boolean;
  showView(view: WorkspaceView): void;
  setShortcutSheetOpen(isOpen: boolean): void;
}

/** The workspace slice. */
export function createWorkspaceSlice(set: SetApp, _get: GetApp): WorkspaceSlice {
  return {
    view: 'inspect',
    isShortcutSheetOpen: false,
    showView(view) {
      patchSlice(set, 'workspace', { view });
    },
    setShortcutSheetOpen(isOpen) {
      patchSlice(set, 'workspace', { isShortcutSheetOpen: isOpen });
    },
  };
}
