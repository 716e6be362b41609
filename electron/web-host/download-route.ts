import { createReadStream } from 'node:fs';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { FramelineEngine } from '../engine/api/engine.js';

/** `filename` for a Content-Disposition header: ASCII with a UTF-8 form beside it (RFC 6266 §4.3). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A download must come from our own page: browsers say where a request came from in
 * `Sec-Fetch-Site` (Fetch Metadata), so another site that somehow learnt an id still cannot take
 * it. Clients that send no such header (curl, tests) are judged by the id alone.
 */
function isForeignRequest(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

/**
 * Streams one prepared export to the browser as a download under its suggested name, then deletes
 * it. The id, handed out over the token-checked bridge, is the only credential: each works once
 * and expires (engine/api/export-files.ts). The caller has checked Host.
 */
export function serveDownload(engine: FramelineEngine, downloadId: string | null, headers: IncomingHttpHeaders, response: ServerResponse): void {
  if (isForeignRequest(headers)) {
    response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('forbidden: a download must come from the Frameline page\n');
    return;
  }
  const download = downloadId ? engine.takeDownload(downloadId) : null;
  if (!download) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('no such export (each download works once and expires)\n');
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
