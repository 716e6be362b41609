import type { ServerResponse } from 'node:http';
import { webHostConnectSources } from '../../shared/security/content-security-policy.js';
import { pageHeaders } from '../page/page-headers.js';
import { readRendererFile } from '../page/renderer-file.js';

/** Serves one file of the built renderer (`path` percent-decoded) with the page's headers; anything else is a 404. Never rejects. */
export async function serveStatic(root: string, path: string, response: ServerResponse, port: number): Promise<void> {
  const file = await readRendererFile(root, path);
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  response.writeHead(200, pageHeaders(file.contentType, webHostConnectSources(port)));
  response.end(file.body);
}
