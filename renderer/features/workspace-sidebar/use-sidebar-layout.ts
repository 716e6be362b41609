import type { Preferences } from '../../../shared/contract/user-data.js';
import { getAppStore, useApp } from '../../store/app-store.js';

/** The sidebar's width (null: the stylesheet's default for the window's size) and whether it is folded away. */
export interface SidebarLayout {
  readonly widthPx: number | null;
  readonly isCollapsed: boolean;
}

/** The narrowest the sidebar gets, and how much room the timeline and the side column keep beside the widest. */
export const SIDEBAR_MIN_PX = 160;
const SIDEBAR_MAX_PX = 560;
const OTHER_COLUMNS_PX = 700;
/** A window narrower than this at start shows the sidebar folded until the user opens it: at 1024 px it left the timeline no room for Preview. */
const SIDEBAR_OPEN_FROM_PX = 1280;

/** The widest the sidebar may be in a window `windowPx` wide. */
export function sidebarMaxPx(windowPx: number): number {
  return Math.max(SIDEBAR_MIN_PX, Math.min(SIDEBAR_MAX_PX, windowPx - OTHER_COLUMNS_PX));
}

/** The layout the preferences hold; until the user folds or opens it, a window `startWindowPx` wide at start decides. */
export function sidebarLayoutOf(panes: Preferences['panes'], startWindowPx: number): SidebarLayout {
  return { widthPx: panes.sidebarWidthPx ?? null, isCollapsed: panes.isSidebarHidden ?? startWindowPx < SIDEBAR_OPEN_FROM_PX };
}

function windowPx(): number {
  return globalThis.innerWidth ?? SIDEBAR_OPEN_FROM_PX;
}

let firstWindowPx: number | null = null;

/** The window's width when the sidebar was first drawn: resizing the window later does not fold it by itself. */
function startWindowPx(): number {
  firstWindowPx ??= windowPx();
  return firstWindowPx;
}

// Kept in the preferences main stores (like the other pane sizes), so it survives restarts of the app and of `frameline ui`.
function change(next: Partial<Pick<Preferences['panes'], 'sidebarWidthPx' | 'isSidebarHidden'>>): void {
  getAppStore()
    .getState()
    .preferences.update((values) => {
      const panes: Preferences['panes'] = { ...values.panes, ...next };
      if (next.sidebarWidthPx === undefined && 'sidebarWidthPx' in next) delete panes.sidebarWidthPx;
      return { ...values, panes };
    });
}

/** Folds the sidebar away or brings it back (Alt+B). */
export function toggleSidebar(): void {
  change({ isSidebarHidden: !sidebarLayoutOf(getAppStore().getState().preferences.values.panes, startWindowPx()).isCollapsed });
}

/** The sidebar's layout, from the window's preferences (like the panel sizes of an IDE). */
export function useSidebarLayout(): SidebarLayout & { setWidthPx(widthPx: number | null): void; setCollapsed(isCollapsed: boolean): void } {
  const layout = sidebarLayoutOf(useApp((state) => state.preferences.values.panes), startWindowPx());
  return {
    ...layout,
    setWidthPx: (next: number | null) => change({ sidebarWidthPx: next === null ? undefined : Math.round(Math.min(Math.max(next, SIDEBAR_MIN_PX), sidebarMaxPx(windowPx()))) }),
    setCollapsed: (isCollapsed: boolean) => change({ isSidebarHidden: isCollapsed }),
  };
}
