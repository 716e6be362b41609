import { readdir, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** Spill folders are named `frameline-capture-<pid>-<random>`, so a sweep can tell whose they are. */
export const spillFolderPrefix = `frameline-capture-${process.pid}-`;

const folderPattern = /^frameline-capture-(\d+)-/;
const live = new Map<string, () => void>();
let isExitHookInstalled = false;

/**
 * Notes a spill folder in use, with the synchronous cleanup that removes it; at process exit (a
 * clean end, or a signal a command turned into an exit) every folder still noted is removed.
 * Returns the function that un-notes it once its owner removed it.
 */
export function noteSpillFolder(folder: string, removeNow: () => void): () => void {
  if (!isExitHookInstalled) {
    isExitHookInstalled = true;
    process.once('exit', removeLiveSpillFolders);
  }
  live.set(folder, removeNow);
  return () => live.delete(folder);
}

/** Removes every spill folder of this process now (process exit). */
export function removeLiveSpillFolders(): void {
  for (const [folder, removeNow] of live) {
    try {
      removeNow();
    } catch {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  live.clear();
}

/**
 * Removes spill folders left in `directory` by processes that no longer run (a crash, a kill -9),
 * and returns how many. Folders of running processes, this one included, are left alone.
 */
export async function sweepStaleSpillFolders(directory: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = Number(folderPattern.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isInteger(pid) || isRunning(pid)) continue;
    await rm(join(directory, name), { recursive: true, force: true }).catch(() => undefined);
    removed += 1;
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
