import type { Translate } from '../../lib/text.js';
import { getAppStore } from '../../store/app-store.js';
import { isEnded, tabIds } from '../../store/sessions-slice.js';
import type { MenuItem } from '../../widgets/menu.js';
import { shortcutText } from '../workspace/shortcut-text.js';

/** The commands of one tab's context menu. */
export function tabMenuItems(id: string, t: Translate, startRename: () => void): MenuItem[] {
  const state = getAppStore().getState();
  const { sessions } = state;
  const tabs = tabIds(state);
  const index = tabs.indexOf(id);
  const summary = sessions.byId[id];
  const canReconnect = summary !== undefined && summary.origin?.kind !== 'listen';
  return [
    { id: 'rename', label: t('sessions:menu.rename'), shortcut: 'F2', onSelect: startRename },
    { id: 'reconnect', label: t('sessions:menu.reconnect'), shortcut: shortcutText('Alt+R'), isDisabled: !canReconnect, onSelect: () => void sessions.reconnect(id) },
    { id: 'move-left', label: t('sessions:menu.moveLeft'), shortcut: shortcutText('Alt+Shift+←'), isDisabled: index <= 0, isGroupStart: true, onSelect: () => void sessions.move(id, index - 1) },
    { id: 'move-right', label: t('sessions:menu.moveRight'), shortcut: shortcutText('Alt+Shift+→'), isDisabled: index === tabs.length - 1, onSelect: () => void sessions.move(id, index + 1) },
    { id: 'close', label: t('sessions:menu.close'), shortcut: shortcutText('Mod+W'), isGroupStart: true, onSelect: () => void sessions.close([id]) },
    ...bulkItems(t, id),
  ];
}

/** Close others / ended / all; `keepId` is the tab "others" are relative to. */
export function bulkItems(t: Translate, keepId: string | null): MenuItem[] {
  const state = getAppStore().getState();
  const { sessions } = state;
  const tabs = tabIds(state);
  const endedCount = tabs.filter((id) => isEnded(sessions.byId[id])).length;
  return [
    ...(keepId !== null ? [{ id: 'close-others', label: t('sessions:menu.closeOthers'), isDisabled: tabs.length < 2, onSelect: () => void sessions.closeOthers(keepId) }] : []),
    { id: 'close-ended', label: t('sessions:menu.closeEnded', { count: endedCount }), isDisabled: endedCount === 0, onSelect: () => void sessions.closeEnded() },
    { id: 'close-all', label: t('sessions:menu.closeAll', { count: tabs.length }), isDisabled: tabs.length === 0, onSelect: () => void sessions.closeAll() },
  ];
}
