import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** One file of the built renderer, ready to serve. */
export interface RendererFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Reads one file of the built renderer (dist/renderer) for the web host and for Electron's
 * `frameline:` scheme. `path` is already percent-decoded; `/` is the page. Anything outside
 * `root`, a folder or a missing file is null, never a read elsewhere.
 */
export async function readRendererFile(root: string, path: string): Promise<RendererFile | null> {
  const relative = path === '/' || path === '' ? '/index.html' : path;
  const resolved = normalize(join(root, relative));
  if (!resolved.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    if (!(await stat(resolved)).isFile()) return null;
    return { body: await readFile(resolved), contentType: contentTypes[extname(resolved)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
