import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where Frameline's own files are, the same from the sources (tests) and from the bundle in
 * dist/: the package root is the nearest folder up whose package.json is named `frameline`.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let directory = dirname(from);
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'frameline') return directory;
    const parent = dirname(directory);
    if (parent === directory) throw new Error('cannot find the Frameline package folder');
    directory = parent;
  }
}

/** The built renderer. */
export function rendererDirectory(): string {
  return join(packageRoot(), 'dist', 'renderer');
}

/** Profiles and settings for the CLI and the web host (Electron uses its own userData folder). */
export function userDataDirectory(): string {
  const base = process.env.XDG_CONFIG_HOME || (process.platform === 'win32' ? process.env.APPDATA : undefined) || join(homedir(), process.platform === 'darwin' ? 'Library/Application Support' : '.config');
  return join(base!, 'frameline');
}
