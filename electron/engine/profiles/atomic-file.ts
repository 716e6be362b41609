import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';

/** Temp files this process is writing right now; a sweep must not take them from under it. */
const inFlight = new Set<string>();

/** `<name>.<pid>-<random>.tmp`, and the `<name>.<pid>.<ms>.tmp` of earlier versions. */
const tempName = /^(.+)\.(\d+)(?:-[0-9a-f]+|\.\d+)\.tmp$/;

/** A temp file older than this is stale whoever wrote it (its pid may since have been reused). */
const staleAfterMs = 60 * 60 * 1000;

/**
 * Writes a file so that a crash leaves either the old or the new content, never half of one
 * (DESIGN.md "Files users keep"): write a temp file beside it (0600, created exclusively), fsync
 * it, rename it over the target, then fsync the folder so the rename itself survives a power
 * cut. A process killed midway can still leave its temp file behind; `sweepStaleTempFiles`
 * removes those on the next load.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await replaceAtomically(path, (temp) => writeSynced(temp, content));
}

/**
 * Best effort: writes `path` again with the text `makeText` gives (a settings file whose secrets
 * are to be encrypted anew). A failure of either step (the keychain refusing to encrypt, the
 * write) is swallowed: the file was never replaced, so the values it held are still there.
 */
export async function rewriteFileAtomic(path: string, makeText: () => Promise<string>): Promise<void> {
  try {
    await writeFileAtomic(path, await makeText());
  } catch {
    // Nothing to undo: the rename that would have replaced the file did not happen.
  }
}

/**
 * Streams a file into place the same way (a capture export can be gigabytes): `write` gets a
 * stream into the temp file and resolves when it has written everything; the temp file is fsynced,
 * renamed over `path`, and the folder fsynced. First, temp files that earlier writes of the same
 * file left behind (an export killed midway) are swept; only that file's, since the folder is
 * the user's.
 */
export async function writeStreamAtomic(path: string, write: (stream: Writable) => Promise<void>): Promise<void> {
  await sweepStaleTempFiles(dirname(path), basename(path));
  await replaceAtomically(path, (temp) => streamSynced(temp, write));
}

async function replaceAtomically(path: string, writeTemp: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  inFlight.add(temp);
  try {
    await writeTemp(temp);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  } finally {
    inFlight.delete(temp);
  }
  await syncDirectory(dirname(path));
}

/**
 * Deletes the temp files a killed or crashed writer left in `directory` (they may hold a whole
 * profile, secrets included): those whose writing process is gone, those of this process that
 * no write is using, and any older than an hour. A live writer's temp file is left alone. With
 * `fileName`, only the temp files of that file. Returns the names removed.
 */
export async function sweepStaleTempFiles(directory: string, fileName?: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(directory).catch(() => [] as string[])) {
    const match = tempName.exec(name);
    if (!match || (fileName !== undefined && match[1] !== fileName)) continue;
    const path = join(directory, name);
    if (!(await isStale(path, Number(match[2])))) continue;
    await unlink(path).then(
      () => removed.push(basename(path)),
      () => undefined,
    );
  }
  return removed;
}

async function isStale(path: string, writerPid: number): Promise<boolean> {
  if (inFlight.has(path)) return false;
  if (writerPid === process.pid || !isProcessAlive(writerPid)) return true;
  const modified = await stat(path).then((info) => info.mtimeMs, () => null);
  return modified !== null && Date.now() - modified > staleAfterMs;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function writeSynced(path: string, content: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function streamSynced(path: string, write: (stream: Writable) => Promise<void>): Promise<void> {
  const stream = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  try {
    await write(stream);
    stream.end();
    await once(stream, 'close');
  } catch (error) {
    // The stream opens its file in the background: wait until it is closed, so the temp file the caller removes stays removed.
    if (!stream.closed) {
      const closed = once(stream, 'close').catch(() => undefined);
      stream.destroy();
      await closed;
    }
    throw error;
  }
  // fsync reaches the file's data through any descriptor of it; the stream's own is closed by now.
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync of the folder, so a rename in it is on disk; Windows cannot open a folder for this, and needs no such step. */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
