import type { ServerResponse } from 'node:http';
import { readRendererFile } from '../renderer-file.js';

/**
 * The page's policy, sent as a header as well as the meta tag in index.html: scripts only from
 * this host (no eval), and sockets only back to the bridge. monaco needs inline styles and blob
 * workers.
 */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Serves one file of the built renderer (`path` percent-decoded); anything else is a 404. Never rejects. */
export async function serveStatic(root: string, path: string, response: ServerResponse, port: number): Promise<void> {
  const file = await readRendererFile(root, path);
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  response.end(file.body);
}
