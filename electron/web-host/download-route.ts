import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { FramelineEngine } from '../engine/api/engine.js';

/** Where the page downloads a prepared export: `GET /download?token=…&id=…`. */
export const DOWNLOAD_PATH = '/download';

/** `filename` for a Content-Disposition header: ASCII with a UTF-8 form beside it (RFC 6266 §4.3). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Streams one prepared export to the browser as a download under its suggested name, then deletes
 * it; each id works once. The caller has checked Host and token.
 */
export function serveDownload(engine: FramelineEngine, downloadId: string | null, response: ServerResponse): void {
  const download = downloadId ? engine.takeDownload(downloadId) : null;
  if (!download) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('no such export (each download works once)\n');
    return;
  }
  const stream = createReadStream(download.path);
  stream.once('open', () => {
    response.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': contentDisposition(download.suggestedName),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    stream.pipe(response);
  });
  stream.once('error', (error) => {
    if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`the export could not be read: ${error.message}\n`);
    else response.destroy(error);
  });
  response.once('close', () => {
    stream.destroy();
    engine.releaseDownload(download);
  });
}
