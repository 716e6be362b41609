import { open, rename, unlink } from 'node:fs/promises';

/**
 * Writes a file so that a crash leaves either the old or the new content, never half of one
 * (DESIGN.md "Files users keep"): write a temp file beside it, fsync, then rename over the target.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
