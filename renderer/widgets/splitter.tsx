import { useRef } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';

interface SplitterProps {
  /** `vertical`: a bar between two columns (drag left/right); `horizontal`: between two rows. */
  readonly orientation: 'vertical' | 'horizontal';
  readonly label: string;
  /** The size the splitter controls, and its bounds, for assistive technology and the keyboard. */
  readonly valuePx: number;
  readonly minPx: number;
  readonly maxPx: number;
  /** `+1`: dragging right/down grows the size; `-1`: it shrinks it (a pane on the right or below). */
  readonly direction: 1 | -1;
  readonly onResize: (sizePx: number) => void;
}

/** Keyboard steps: arrows move by this much, with Shift by four times as much. */
const STEP_PX = 16;

/**
 * A draggable bar between two panes (WAI-ARIA window splitter): drag it with the pointer, or focus
 * it and use the arrow keys, Home and End. It reports the new size; the layout clamps and keeps it.
 */
export function Splitter({ orientation, label, valuePx, minPx, maxPx, direction, onResize }: SplitterProps) {
  const start = useRef<{ pointer: number; size: number } | null>(null);
  const clamp = (size: number): number => Math.round(Math.min(maxPx, Math.max(minPx, size)));
  const along = (event: PointerEvent): number => (orientation === 'vertical' ? event.clientX : event.clientY);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = { pointer: along(event), size: valuePx };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (!start.current) return;
    onResize(clamp(start.current.size + direction * (along(event) - start.current.pointer)));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>): void => {
    start.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = (event.shiftKey ? 4 : 1) * STEP_PX;
    const grow: Record<string, number> = orientation === 'vertical' ? { ArrowRight: step, ArrowLeft: -step } : { ArrowDown: step, ArrowUp: -step };
    const delta = grow[event.key];
    if (delta !== undefined) onResize(clamp(valuePx + direction * delta));
    else if (event.key === 'Home') onResize(minPx);
    else if (event.key === 'End') onResize(maxPx);
    else return;
    event.preventDefault();
  };

  return (
    <div
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={Math.round(valuePx)}
      aria-valuemin={Math.round(minPx)}
      aria-valuemax={Math.round(maxPx)}
      tabIndex={0}
      className={`splitter splitter-${orientation}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
