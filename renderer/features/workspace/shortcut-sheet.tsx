import { useEffect, useRef } from 'react';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { SHORTCUT_GROUPS } from './shortcut-list.js';
import { isMac, shortcutText } from './shortcut-text.js';

/** The keyboard shortcut sheet (`?`): every shortcut of the window in one dialog; Escape closes it and gives the focus back. */
export function ShortcutSheet() {
  const t = useT();
  const isOpen = useApp((state) => state.workspace.isShortcutSheetOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    if (!isOpen) return undefined;
    returnTo.current = document.activeElement;
    closeRef.current?.focus();
    return () => (returnTo.current as HTMLElement | null)?.focus?.();
  }, [isOpen]);
  if (!isOpen) return null;
  const close = (): void => getAppStore().getState().workspace.setShortcutSheetOpen(false);
  return (
    <div className="sheet-backdrop" onPointerDown={(event) => event.target === event.currentTarget && close()}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-sheet-title"
        className="shortcut-sheet"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            close();
          }
        }}
      >
        <header className="panel-title">
          <span id="shortcut-sheet-title">{t('shortcuts:title')}</span>
          <span className="toolbar-spacer" />
          <button ref={closeRef} type="button" onClick={close}>{t('shortcuts:close')}</button>
        </header>
        <div className="shortcut-groups">
          {SHORTCUT_GROUPS.map((group) => (
            <section key={group.title} aria-label={t(group.title)}>
              <h3>{t(group.title)}</h3>
              <dl>
                {group.shortcuts.map((shortcut) => (
                  <div key={shortcut.does} className="shortcut">
                    <dt>{shortcut.keys.map((keys) => <kbd key={keys}>{keys === 'Ctrl+M' && isMac ? '⌃⇧M' : shortcutText(keys)}</kbd>)}</dt>
                    <dd>{t(shortcut.does)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="muted sheet-note">{t('shortcuts:browserNote')}</p>
      </div>
    </div>
  );
}
