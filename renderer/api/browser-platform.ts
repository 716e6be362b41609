import type { Platform } from '../store/types.js';
import { downloadFromHost } from './download-file.js';

/**
 * The window's host page: downloads from the web host (browser UI; the desktop app saves through
 * its dialog and never asks for one), and the system clipboard, with a selection-based fallback
 * for pages the Clipboard API refuses.
 */
export const browserPlatform: Platform = {
  download: downloadFromHost,
  async copyText(text) {
    if (navigator.clipboard?.writeText) {
      try {
        await navigator.clipboard.writeText(text);
        return;
      } catch {
        // Not allowed here (no focus, or an insecure origin): the selection way below still works.
      }
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const isCopied = document.execCommand('copy');
    area.remove();
    if (!isCopied) throw new Error('the clipboard refused the text');
  },
};
