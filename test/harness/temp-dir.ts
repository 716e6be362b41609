import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A directory owned by one peer (config, pid file, logs); removed by `remove()`. */
export interface TempDir {
  readonly path: string;
  /** Joins parts below the directory. */
  file(...parts: string[]): string;
  /** Deletes the directory and everything in it; safe to call twice. */
  remove(): void;
}

/**
 * Creates a fresh directory under the OS temp dir. `worldWritable` is for daemons that drop root
 * privileges (squid switches to its own user and must still write its pid file and logs there).
 */
export function createTempDir(prefix: string, options: { worldWritable?: boolean } = {}): TempDir {
  const path = mkdtempSync(join(tmpdir(), `frameline-${prefix}-`));
  if (options.worldWritable) chmodSync(path, 0o777);
  return {
    path,
    file: (...parts) => join(path, ...parts),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
