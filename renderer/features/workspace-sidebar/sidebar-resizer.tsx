import { useEffect, useRef, useState, type RefObject } from 'react';
import { useT } from '../../lib/use-t.js';
import { SIDEBAR_MIN_PX, sidebarMaxPx } from './use-sidebar-layout.js';

const KEY_STEP_PX = 16;

/**
 * The handle on the sidebar's right edge: drag it, or focus it and press ← / → (Home: narrowest,
 * End: widest); a double click goes back to the default width.
 */
export function SidebarResizer({ frame, widthPx, onWidth }: { frame: RefObject<HTMLDivElement | null>; widthPx: number | null; onWidth: (widthPx: number | null) => void }) {
  const t = useT();
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);
  // The width as drawn (the stylesheet's default until the user sets one), for the keys and aria-valuenow.
  const [drawnPx, setDrawnPx] = useState<number | null>(null);
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = (): void => setDrawnPx(Math.round(element.getBoundingClientRect().width));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [frame]);
  const current = (): number => widthPx ?? drawnPx ?? frame.current?.getBoundingClientRect().width ?? SIDEBAR_MIN_PX;
  return (
    <div
      className="sidebar-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('workspace:sidebar.resize')}
      title={t('workspace:sidebar.resize')}
      aria-valuemin={SIDEBAR_MIN_PX}
      aria-valuemax={sidebarMaxPx(globalThis.innerWidth ?? 1280)}
      aria-valuenow={Math.round(current())}
      tabIndex={0}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { startX: event.clientX, startWidth: current() };
      }}
      onPointerMove={(event) => {
        if (drag.current) onWidth(drag.current.startWidth + event.clientX - drag.current.startX);
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onDoubleClick={() => onWidth(null)}
      onKeyDown={(event) => {
        const width = current();
        if (event.key === 'ArrowLeft') onWidth(width - KEY_STEP_PX);
        else if (event.key === 'ArrowRight') onWidth(width + KEY_STEP_PX);
        else if (event.key === 'Home') onWidth(SIDEBAR_MIN_PX);
        else if (event.key === 'End') onWidth(sidebarMaxPx(globalThis.innerWidth ?? 1280));
        else return;
        event.preventDefault();
      }}
    />
  );
}
