import { bridgePaths } from '../../shared/contract/bridge-protocol.js';

/**
 * Lets the browser download a prepared export from the host that served the page, under the
 * suggested name: the browser decides the folder and never replaces a file silently. The URL holds
 * only the one-time download id the bridge returned, never the bridge token, since a browser keeps
 * every download's URL in its downloads list.
 */
export function downloadFromHost(downloadId: string, suggestedName: string): void {
  const anchor = document.createElement('a');
  anchor.href = `${bridgePaths.download}?id=${encodeURIComponent(downloadId)}`;
  anchor.download = suggestedName;
  anchor.rel = 'noopener';
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}
