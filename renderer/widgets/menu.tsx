import { useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { popupPosition, type PopupAnchor } from './popup-position.js';

/** One command of a menu. */
export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly onSelect: () => void;
  readonly isDisabled?: boolean;
  /** A key hint shown at the right, e.g. "Ctrl+W". */
  readonly shortcut?: string;
  /** Draws a line above the item, to group commands. */
  readonly isGroupStart?: boolean;
}

interface MenuProps {
  readonly label: string;
  readonly items: readonly MenuItem[];
  readonly anchor: PopupAnchor;
  /** Called on Escape, Tab, a click outside, or after an item ran; focus goes back to `returnFocus`. */
  readonly onClose: () => void;
  readonly returnFocus?: HTMLElement | null;
}

/**
 * A popup menu (WAI-ARIA menu pattern): opens with the first enabled item focused; arrows, Home and
 * End move, Enter or Space runs an item, Escape closes and gives focus back. Rendered over the
 * window, so clipping containers (the tab strip) cannot cut it.
 */
export function Menu({ label, items, anchor, onClose, returnFocus }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setPosition(popupPosition(anchor, element.offsetWidth, element.offsetHeight, { width: window.innerWidth, height: window.innerHeight }));
  }, [anchor]);

  // Focus moves in once the menu is placed and visible (a hidden element cannot take the focus).
  const isPlaced = position !== null;
  useLayoutEffect(() => {
    if (isPlaced) ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [isPlaced]);

  useLayoutEffect(() => {
    const onPointerDown = (event: PointerEvent): void => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose]);

  const close = (): void => {
    onClose();
    returnFocus?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const enabled = Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []);
    const current = enabled.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: enabled.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      enabled[((moves[event.key] ?? 0) + enabled.length) % enabled.length]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  const run = (item: MenuItem): void => {
    if (item.isDisabled) return;
    close();
    item.onSelect();
  };

  return createPortal(
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="menu"
      style={position ? { left: position.left, top: position.top } : { visibility: 'hidden', left: 0, top: 0 }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => (
        <div
          key={item.id}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.isDisabled === true}
          className={`menu-item${item.isGroupStart ? ' group-start' : ''}`}
          onClick={() => run(item)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              run(item);
            }
          }}
        >
          <span className="menu-label">{item.label}</span>
          {item.shortcut && <span className="menu-shortcut">{item.shortcut}</span>}
        </div>
      ))}
    </div>,
    document.body,
  );
}
