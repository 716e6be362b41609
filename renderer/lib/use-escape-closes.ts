import { useEffect } from 'react';

/**
 * While `isOpen`, Escape anywhere in the window calls `close`, unless something nearer already
 * handled it (a menu, an inline rename): focus may have left the drawer, to a button that went
 * away after its action or to the timeline behind. `close` should not change between renders.
 */
export function useEscapeCloses(isOpen: boolean, close: () => void): void {
  useEffect(() => {
    if (!isOpen) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) close();
    };
    globalThis.addEventListener('keydown', onKey);
    return () => globalThis.removeEventListener('keydown', onKey);
  }, [isOpen, close]);
}
