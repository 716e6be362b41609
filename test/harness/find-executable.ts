import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * Daemons live in /usr/sbin, which a non-root user's PATH often lacks; searching it too finds
 * nginx, haproxy and squid wherever Debian put them.
 */
export const extraSearchDirectories: readonly string[] = ['/usr/sbin', '/sbin', '/usr/local/sbin'];

/** The first executable file named `name` on PATH or in the sbin directories, or undefined. */
export function findExecutable(name: string): string | undefined {
  if (isAbsolute(name)) return isExecutableFile(name) ? name : undefined;
  const pathDirectories = (process.env['PATH'] ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const directory of [...pathDirectories, ...extraSearchDirectories]) {
    const candidate = join(directory, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
