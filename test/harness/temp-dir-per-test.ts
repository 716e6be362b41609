import { afterEach } from 'vitest';
import { createTempDir, type TempDir } from './temp-dir.js';

/** Makes fresh temp directories for the running test; every one made is removed after that test. */
export function tempDirPerTest(prefix: string): () => TempDir {
  const made: TempDir[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) dir.remove();
  });
  return () => {
    const dir = createTempDir(prefix);
    made.push(dir);
    return dir;
  };
}
