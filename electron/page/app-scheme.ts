import { electronConnectSources } from '../../shared/security/content-security-policy.js';
import { pageHeaders } from './page-headers.js';
import { readRendererFile } from './renderer-file.js';
import { parseRequestTarget } from './request-target.js';

/**
 * The desktop window's own scheme (Electron security checklist: avoid `file://`, serve local
 * content from a custom protocol). Registered as standard and secure in electron/main.ts, so the
 * page is a real origin (`frameline://app`) with 'self' in its policy, module workers and
 * storage, and no file on disk is reachable but the built renderer's.
 */
export const appScheme = 'frameline';
/** The page's origin. */
export const appOrigin = `${appScheme}://app`;
/** The one page the window loads, and the only one its IPC handlers trust. */
export const appIndexUrl = `${appOrigin}/index.html`;

/**
 * Answers one request of the `frameline:` scheme from the built renderer, with the page's headers
 * and its one Content-Security-Policy. Another host, a method other than GET or HEAD, a malformed
 * path or a missing file get a plain status; nothing throws.
 */
export async function answerAppRequest(request: Request, rendererDirectory: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'bad request');
  }
  if (url.protocol !== `${appScheme}:` || url.host !== 'app') return plain(404, 'not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
  const target = parseRequestTarget(`${url.pathname}${url.search}`);
  if (!target) return plain(400, 'bad request: malformed path');
  const file = await readRendererFile(rendererDirectory, target.path);
  if (!file) return plain(404, 'not found');
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), { status: 200, headers: pageHeaders(file.contentType, electronConnectSources) });
}

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
