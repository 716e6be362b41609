import { tokenFromLocation } from './bridge-api.js';

/** Where `frameline ui` serves a prepared export (electron/web-host/download-route.ts). */
export const DOWNLOAD_PATH = '/download';

/**
 * Lets the browser download a prepared export from the host that served the page, under the
 * suggested name: the browser decides the folder and never replaces a file silently.
 */
export function downloadFromHost(downloadId: string, suggestedName: string): void {
  const token = tokenFromLocation(window.location) ?? '';
  const anchor = document.createElement('a');
  anchor.href = `${DOWNLOAD_PATH}?token=${encodeURIComponent(token)}&id=${encodeURIComponent(downloadId)}`;
  anchor.download = suggestedName;
  anchor.rel = 'noopener';
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}
