import { describe, expect, it } from 'vitest';
import type { FramelineApi } from '../../../shared/contract/api.js';
import type { UserDataPart } from '../../../shared/contract/user-data.js';
import { createAppStore, installAppStore } from '../../../renderer/store/app-store.js';
import { sidebarLayoutOf, toggleSidebar } from '../../../renderer/features/workspace-sidebar/use-sidebar-layout.js';
import { fakeApi } from './fake-api.js';

describe('the workspace sidebar layout', () => {
  it('follows the window until the user chooses, then what the preferences hold', () => {
    expect(sidebarLayoutOf({}, 1024)).toEqual({ widthPx: null, isCollapsed: true });
    expect(sidebarLayoutOf({}, 1920)).toEqual({ widthPx: null, isCollapsed: false });
    expect(sidebarLayoutOf({ sidebarWidthPx: 240, isSidebarHidden: false }, 1024)).toEqual({ widthPx: 240, isCollapsed: false });
  });

  it('is saved with the preferences main keeps (so it survives a restart of frameline ui), not in the page storage', async () => {
    const saved: UserDataPart[] = [];
    const api: FramelineApi = { ...fakeApi({ value: 0 }).api, saveUserData: async (part) => (saved.push(part as UserDataPart), null) };
    const store = createAppStore(api);
    installAppStore(store);
    const wasCollapsed = sidebarLayoutOf(store.getState().preferences.values.panes, globalThis.innerWidth ?? 1280).isCollapsed;
    toggleSidebar();
    await store.getState().preferences.flush();
    expect(saved).toEqual([expect.objectContaining({ kind: 'preferences', preferences: expect.objectContaining({ panes: { isSidebarHidden: !wasCollapsed } }) })]);
  });
});
