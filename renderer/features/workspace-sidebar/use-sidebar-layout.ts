import { useCallback, useState } from 'react';

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

/** The widest the sidebar may be in a window `windowPx` wide. */
export function sidebarMaxPx(windowPx: number): number {
  return Math.max(SIDEBAR_MIN_PX, Math.min(SIDEBAR_MAX_PX, windowPx - OTHER_COLUMNS_PX));
}

function read(): SidebarLayout {
  try {
    const stored = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null') as Partial<SidebarLayout> | null;
    return { widthPx: typeof stored?.widthPx === 'number' ? stored.widthPx : null, isCollapsed: stored?.isCollapsed === true };
  } catch {
    return { widthPx: null, isCollapsed: false };
  }
}

/** The sidebar's layout, remembered on this machine (like the panel sizes of an IDE). */
export function useSidebarLayout(): SidebarLayout & { setWidthPx(widthPx: number | null): void; setCollapsed(isCollapsed: boolean): void } {
  const [layout, setLayout] = useState<SidebarLayout>(read);
  const change = useCallback((next: Partial<SidebarLayout>) => {
    setLayout((current) => {
      const updated = { ...current, ...next };
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(updated));
      return updated;
    });
  }, []);
  return {
    ...layout,
    setWidthPx: useCallback((widthPx: number | null) => change({ widthPx: widthPx === null ? null : Math.round(Math.min(Math.max(widthPx, SIDEBAR_MIN_PX), sidebarMaxPx(globalThis.innerWidth ?? 1280))) }), [change]),
    setCollapsed: useCallback((isCollapsed: boolean) => change({ isCollapsed }), [change]),
  };
}
