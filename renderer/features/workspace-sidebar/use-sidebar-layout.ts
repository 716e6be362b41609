import { useSyncExternalStore } from 'react';

/** The sidebar's width (null: the stylesheet's default for the window's size) and whether it is folded away. */
export interface SidebarLayout {
  readonly widthPx: number | null;
  readonly isCollapsed: boolean;
}

const STORAGE_KEY = 'frameline.workspace.sidebar';

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

function read(): SidebarLayout {
  const isNarrow = (globalThis.innerWidth ?? SIDEBAR_OPEN_FROM_PX) < SIDEBAR_OPEN_FROM_PX;
  try {
    const stored = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null') as Partial<SidebarLayout> | null;
    return { widthPx: typeof stored?.widthPx === 'number' ? stored.widthPx : null, isCollapsed: typeof stored?.isCollapsed === 'boolean' ? stored.isCollapsed : isNarrow };
  } catch {
    return { widthPx: null, isCollapsed: isNarrow };
  }
}

// One layout for the window, so the sidebar's buttons and Alt+B change the same state.
let current: SidebarLayout | null = null;
const listeners = new Set<() => void>();

function snapshot(): SidebarLayout {
  current ??= read();
  return current;
}

function change(next: Partial<SidebarLayout>): void {
  current = { ...snapshot(), ...next };
  globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(current));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Folds the sidebar away or brings it back (Alt+B). */
export function toggleSidebar(): void {
  change({ isCollapsed: !snapshot().isCollapsed });
}

/** The sidebar's layout, remembered on this machine (like the panel sizes of an IDE). */
export function useSidebarLayout(): SidebarLayout & { setWidthPx(widthPx: number | null): void; setCollapsed(isCollapsed: boolean): void } {
  const layout = useSyncExternalStore(subscribe, snapshot);
  return {
    ...layout,
    setWidthPx: (widthPx: number | null) => change({ widthPx: widthPx === null ? null : Math.round(Math.min(Math.max(widthPx, SIDEBAR_MIN_PX), sidebarMaxPx(globalThis.innerWidth ?? 1280))) }),
    setCollapsed: (isCollapsed: boolean) => change({ isCollapsed }),
  };
}
