import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/engine/profiles/profile-store.js';
import { killed, startWritingProcess } from '../../harness/killable-process.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';

/**
 * Issue 19, "a save killed midway leaves no stale temporary files": a real process saves
 * profiles that hold a proxy password, and is killed with SIGKILL at random moments, again and
 * again. Loading then sweeps every temp file it left, and no file but the profiles holds the
 * password; every profile on disk is whole.
 */

const secret = 'pr0xy-s3cret-pa55word';
const kills = 60;
const maxKills = 150;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('profile saves killed midway', () => {
  let temp: TempDir;
  let saver: string;

  beforeAll(async () => {
    temp = createTempDir('killed-saves');
    saver = temp.file('save-forever.mjs');
    // One bundle, so each of the many short-lived children starts in milliseconds.
    await build({ entryPoints: [fileURLToPath(new URL('./save-forever.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: saver, logLevel: 'warning' });
  });

  afterAll(() => temp.remove());

  it('leave temp files that the next load sweeps, and nothing else holds the password', async () => {
    const directory = temp.file('profiles');
    // The store creates it on its first save, which a kill in the first milliseconds can prevent.
    mkdirSync(directory, { recursive: true });
    let leftBehind = 0;
    // Kills land at random moments; past `kills`, go on (to a bound) until one lands mid-save.
    for (let kill = 0; kill < maxKills && (kill < kills || leftBehind === 0); kill++) {
      const child = await startWritingProcess(saver, [directory, secret], 'saver');
      await delay(Math.floor(Math.random() * 40));
      await killed(child);
      leftBehind = Math.max(leftBehind, readdirSync(directory).filter((name) => name.endsWith('.tmp')).length);
    }
    // The case under test happened: kills did land between a temp file's creation and its rename.
    expect(leftBehind).toBeGreaterThan(0);

    const listed = await new ProfileStore(directory, null).list();
    const files = readdirSync(directory);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(listed.problems).toEqual([]);
    expect(listed.profiles.length).toBeGreaterThan(0);
    for (const name of files) {
      const holdsSecret = readFileSync(join(directory, name), 'utf8').includes(secret);
      if (holdsSecret) expect(name).toMatch(/\.profile\.json$/);
    }
  }, 150_000);

  it('never sweeps the temp file of a save still running in another process', async () => {
    const directory = temp.file('shared');
    const child = await startWritingProcess(saver, [directory, secret], 'saver');
    let childErrors = '';
    child.stderr!.on('data', (chunk: Buffer) => (childErrors += chunk.toString()));
    let childExit: string | null = null;
    child.once('exit', (code, signal) => (childExit = `${code ?? signal}`));
    const store = new ProfileStore(directory, null);
    for (let round = 0; round < 200; round++) {
      const listed = await store.list();
      expect(listed.problems).toEqual([]);
    }
    expect(childExit).toBeNull();
    await killed(child);
    expect(childErrors).toBe('');
  });
});
