import { useEffect } from 'react';
import { getAppStore } from '../../store/app-store.js';
import { toggleSidebar } from '../workspace-sidebar/use-sidebar-layout.js';
import { hasModKey } from './shortcut-text.js';
import { viewOfDigit } from './view-tabs.js';

/** True when a key typed here is text for a field (inputs, selects, the monaco editors), not a command. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .monaco-editor') !== null;
}

/** The regions F6 moves through, in reading order; each is found as it is when the key is pressed. */
const REGIONS: readonly string[] = [
  '.tablist [role="tab"][aria-selected="true"]',
  '.view-switch [aria-selected="true"]',
  '#url-input, .connection-bar input',
  '.frames-grid',
  '.composer .monaco-editor textarea',
  '[data-region="handshake"]',
  '[data-region="frame-detail"]',
];

function cycleRegions(step: 1 | -1): void {
  const elements = REGIONS.map((selector) => document.querySelector<HTMLElement>(selector)).filter((element): element is HTMLElement => element !== null && element.offsetParent !== null);
  if (elements.length === 0) return;
  const current = elements.findIndex((element) => element === document.activeElement || element.contains(document.activeElement));
  elements[(current + step + elements.length) % elements.length]?.focus();
}

/**
 * The window's keyboard shortcuts (the sheet lists them all). Captured before the panels see the
 * keys, so they work from the editors too; plain keys (`?`, `/`) only outside text fields. In a
 * browser, Ctrl+W and Ctrl+PageDown belong to the browser: Alt+W and Alt+PageDown do the same here.
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const state = getAppStore().getState();
      const { sessions, workspace } = state;
      const run = (action: () => void): void => {
        event.preventDefault();
        event.stopPropagation();
        action();
      };
      if (workspace.isShortcutSheetOpen) {
        if (event.key === 'Escape') run(() => workspace.setShortcutSheetOpen(false));
        return;
      }
      const isPlain = !event.ctrlKey && !event.metaKey && !event.altKey;
      if (event.key === '?' && !event.ctrlKey && !event.metaKey && !isTyping(event.target)) return run(() => workspace.setShortcutSheetOpen(true));
      if (event.key === '/' && isPlain && !isTyping(event.target)) return run(() => document.getElementById('timeline-search')?.focus());
      if (event.key === 'F6' && !event.ctrlKey && !event.metaKey && !event.altKey) return run(() => cycleRegions(event.shiftKey ? -1 : 1));
      const isCloseTab = (hasModKey(event) && !event.altKey && !event.shiftKey && event.code === 'KeyW') || (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyW');
      if (isCloseTab) return run(() => sessions.activeId !== null && void sessions.close([sessions.activeId]));
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'PageDown' || event.key === 'PageUp') return run(() => sessions.selectRelative(event.key === 'PageDown' ? 1 : -1));
      if (event.code === 'KeyR' && !event.shiftKey) return run(() => void sessions.reconnect());
      if (event.code === 'KeyB' && !event.shiftKey && workspace.view === 'inspect') return run(toggleSidebar);
      if (event.code === 'KeyL' && !event.shiftKey) {
        return run(() => {
          // Like a browser's address bar: the URL is focused with all of it selected, ready to be replaced.
          const focusUrl = (): void => {
            const input = document.getElementById('url-input') as HTMLInputElement | null;
            input?.focus();
            input?.select();
          };
          if (workspace.view !== 'listen') return focusUrl();
          workspace.showView('inspect');
          requestAnimationFrame(focusUrl);
        });
      }
      const view = viewOfDigit(event.code);
      if (view && !event.shiftKey) run(() => workspace.showView(view));
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
