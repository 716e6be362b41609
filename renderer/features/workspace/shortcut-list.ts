import { VIEW_KEYS } from './view-tabs.js';

/** Every keyboard shortcut of the window, grouped as the sheet shows them (`Mod` is Cmd on macOS, Ctrl elsewhere). */
export const SHORTCUT_GROUPS = [
  {
    title: 'shortcuts:group.window',
    shortcuts: [
      { keys: ['?'], does: 'shortcuts:window.sheet' },
      { keys: ['F6', 'Shift+F6'], does: 'shortcuts:window.regions' },
      { keys: VIEW_KEYS, does: 'shortcuts:window.views' },
      { keys: ['Alt+B'], does: 'shortcuts:window.sidebar' },
      { keys: ['Alt+L'], does: 'shortcuts:window.url' },
      { keys: ['Mod+O'], does: 'shortcuts:window.open' },
      { keys: ['Mod+E', 'Mod+Shift+S'], does: 'shortcuts:window.export' },
      { keys: ['Escape'], does: 'shortcuts:window.escape' },
    ],
  },
  {
    title: 'shortcuts:group.tabs',
    shortcuts: [
      { keys: ['Alt+PageDown', 'Alt+PageUp'], does: 'shortcuts:tabs.next' },
      { keys: ['Mod+W', 'Alt+W'], does: 'shortcuts:tabs.close' },
      { keys: ['Alt+R'], does: 'shortcuts:tabs.reconnect' },
      { keys: ['←', '→', 'Home', 'End'], does: 'shortcuts:tabs.move' },
      { keys: ['Alt+Shift+←', 'Alt+Shift+→'], does: 'shortcuts:tabs.reorder' },
      { keys: ['F2'], does: 'shortcuts:tabs.rename' },
      { keys: ['Delete'], does: 'shortcuts:tabs.delete' },
      { keys: ['Shift+F10'], does: 'shortcuts:tabs.menu' },
    ],
  },
  {
    title: 'shortcuts:group.timeline',
    shortcuts: [
      { keys: ['/'], does: 'shortcuts:timeline.search' },
      { keys: ['↑', '↓', 'PageUp', 'PageDown', 'Home', 'End'], does: 'shortcuts:timeline.select' },
      { keys: ['Mod+C'], does: 'shortcuts:timeline.copy' },
      { keys: ['Mod+Click'], does: 'shortcuts:timeline.compare' },
    ],
  },
  {
    title: 'shortcuts:group.composer',
    shortcuts: [
      { keys: ['Mod+Enter'], does: 'shortcuts:composer.send' },
      { keys: ['Tab', 'Shift+Tab'], does: 'shortcuts:composer.leave' },
      { keys: ['Ctrl+M'], does: 'shortcuts:composer.tabKey' },
      { keys: ['↑', '↓'], does: 'shortcuts:composer.history' },
    ],
  },
] as const;
