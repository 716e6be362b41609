import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Every open, sync and rename, in order, to check what reaches the disk when.
const steps: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      const path = String(args[0]);
      steps.push(`open ${path.endsWith('.tmp') ? 'temp' : path.endsWith('.json') ? 'file' : 'folder'}`);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        steps.push(`sync ${path.endsWith('.tmp') ? 'temp' : 'folder'}`);
        return sync();
      };
      return handle;
    },
    rename: async (...args: Parameters<typeof actual.rename>) => {
      steps.push('rename');
      return actual.rename(...args);
    },
  };
});

const { sweepStaleTempFiles, writeFileAtomic, writeStreamAtomic } = await import('../../../electron/engine/profiles/atomic-file.js');

describe('writeFileAtomic', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'frameline-atomic-'));
    steps.length = 0;
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('syncs the temp file, renames it, then syncs the folder so the rename survives a power cut', async () => {
    await writeFileAtomic(join(directory, 'a.json'), '{"a":1}');
    expect(steps).toEqual(['open temp', 'sync temp', 'rename', ...(process.platform === 'win32' ? [] : ['open folder', 'sync folder'])]);
    expect(readFileSync(join(directory, 'a.json'), 'utf8')).toBe('{"a":1}');
    expect(readdirSync(directory)).toEqual(['a.json']);
  });

  it('survives saves and sweeps racing in one process', async () => {
    const writes = Array.from({ length: 20 }, (_, index) => writeFileAtomic(join(directory, `f${index % 3}.json`), `{"n":${index}}`));
    const sweeps = Array.from({ length: 20 }, () => sweepStaleTempFiles(directory));
    await Promise.all([...writes, ...sweeps]);
    expect(readdirSync(directory).sort()).toEqual(['f0.json', 'f1.json', 'f2.json']);
  });
});

describe('writeStreamAtomic', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'frameline-atomic-stream-'));
    steps.length = 0;
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('streams into a temp file, syncs it, renames it and syncs the folder; first it sweeps stale temp files of that file only', async () => {
    const deadPid = 2 ** 30;
    const stale = `a.har.${deadPid}-a1b2c3.tmp`;
    const other = `b.har.${deadPid}-a1b2c3.tmp`;
    for (const name of [stale, other]) writeFileSync(join(directory, name), 'old');
    await writeStreamAtomic(join(directory, 'a.har'), async (stream) => {
      stream.write('{"log":');
      stream.write('{}}');
    });
    expect(steps).toEqual(['open temp', 'sync temp', 'rename', ...(process.platform === 'win32' ? [] : ['open folder', 'sync folder'])]);
    expect(readFileSync(join(directory, 'a.har'), 'utf8')).toBe('{"log":{}}');
    expect(readdirSync(directory).sort()).toEqual(['a.har', other]);
  });

  it('leaves neither the file nor its temp file when the writer fails', async () => {
    await expect(writeStreamAtomic(join(directory, 'a.har'), async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(readdirSync(directory)).toEqual([]);
  });
});

describe('sweepStaleTempFiles', () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'frameline-sweep-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('removes the temp files of dead writers, of this process, and old ones; keeps a live writer\'s and other files', async () => {
    const deadPid = 2 ** 30;
    const livePid = process.ppid;
    const files = {
      dead: `p.profile.json.${deadPid}-a1b2c3.tmp`,
      legacy: `p.profile.json.${deadPid}.1700000000000.tmp`,
      ours: `p.profile.json.${process.pid}-abcdef.tmp`,
      live: `p.profile.json.${livePid}-0a0b0c.tmp`,
      oldLive: `q.profile.json.${livePid}-0d0e0f.tmp`,
      profile: 'p.profile.json',
      unrelated: 'notes.tmp',
    };
    for (const name of Object.values(files)) writeFileSync(join(directory, name), 'password');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(join(directory, files.oldLive), twoHoursAgo, twoHoursAgo);
    expect((await sweepStaleTempFiles(directory)).sort()).toEqual([files.dead, files.legacy, files.oldLive, files.ours].sort());
    expect(readdirSync(directory).sort()).toEqual([files.live, files.profile, files.unrelated].sort());
  });

  it('is quiet about a folder that does not exist', async () => {
    expect(await sweepStaleTempFiles(join(directory, 'missing'))).toEqual([]);
  });
});
