import { useRef, useState } from 'react';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { Menu, type MenuItem } from '../../widgets/menu.js';
import type { PopupAnchor } from '../../widgets/popup-position.js';

/**
 * Saved snippets: a menu to load one into the composer (focus then goes to the editor, so
 * Ctrl/Cmd+Enter sends it), and a name field to save or delete the current draft under a name.
 * Main keeps them in the app data folder, so they survive restarts.
 */
export function SnippetsButton() {
  const t = useT();
  const snippets = useApp((state) => state.composer.snippets);
  const [name, setName] = useState('');
  const [anchor, setAnchor] = useState<PopupAnchor | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const actions = getAppStore().getState().composer;
  const trimmed = name.trim();
  const items = (): MenuItem[] => snippets.map((snippet) => ({ id: snippet.name, label: snippet.name, shortcut: snippet.mode, onSelect: () => actions.loadSnippet(snippet.name) }));
  return (
    <div className="snippets" role="group" aria-label={t('composer:snippet.group')}>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        disabled={snippets.length === 0}
        onClick={(event) => setAnchor(anchor ? null : { kind: 'below', rect: event.currentTarget.getBoundingClientRect(), align: 'end' })}
      >
        {snippets.length === 0 ? t('composer:snippet.none') : t('composer:snippet.load', { count: snippets.length })}
      </button>
      {anchor && <Menu label={t('composer:snippet.menu')} items={items()} anchor={anchor} onClose={() => setAnchor(null)} returnFocus={buttonRef.current} />}
      <input aria-label={t('composer:snippet.name')} placeholder={t('composer:snippet.name')} value={name} onChange={(event) => setName(event.target.value)} className="snippet-name" />
      <button type="button" disabled={trimmed === ''} onClick={() => actions.saveSnippet(trimmed)}>{t('composer:snippet.save')}</button>
      <button type="button" disabled={!snippets.some((snippet) => snippet.name === trimmed)} onClick={() => actions.deleteSnippet(trimmed)}>{t('composer:snippet.delete')}</button>
    </div>
  );
}
