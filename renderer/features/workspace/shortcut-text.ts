/** True on macOS, where Cmd plays Ctrl's part and Option is Alt. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A shortcut as this platform writes it: `Mod` is Cmd on macOS and Ctrl elsewhere. */
export function shortcutText(keys: string): string {
  if (!isMac) return keys.replace(/\bMod\b/g, 'Ctrl');
  return keys.replace(/\bMod\b/g, '⌘').replace(/\bAlt\b/g, '⌥').replace(/\bShift\b/g, '⇧').replace(/\bCtrl\b/g, '⌃');
}

/** True when the key event has this platform's command modifier (Cmd on macOS, Ctrl elsewhere) and not the other. */
export function hasModKey(event: { ctrlKey: boolean; metaKey: boolean }): boolean {
  return isMac ? event.metaKey : event.ctrlKey;
}
