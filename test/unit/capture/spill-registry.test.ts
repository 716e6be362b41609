import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spillFolderPrefix, sweepStaleSpillFolders } from '../../../electron/engine/capture/spill-registry.js';
import { createTempDir } from '../../harness/temp-dir.js';

const temp = createTempDir('spill-registry');
afterAll(() => temp.remove());

// The largest pid Linux hands out is 4,194,304; one above it never runs.
const deadPid = 4_194_305;

describe('the spill folder sweep', () => {
  it("removes folders of processes that no longer run and keeps running processes' and unrelated ones", async () => {
    const dead = temp.file(`frameline-capture-${deadPid}-abc123`);
    mkdirSync(dead);
    writeFileSync(join(dead, 'payloads.bin'), new Uint8Array(10));
    mkdirSync(temp.file(`${spillFolderPrefix}own123`));
    mkdirSync(temp.file(`frameline-capture-${process.ppid}-parent1`));
    mkdirSync(temp.file('frameline-something-else'));
    expect(await sweepStaleSpillFolders(temp.path)).toBe(1);
    expect(readdirSync(temp.path).sort()).toEqual([`${spillFolderPrefix}own123`, `frameline-capture-${process.ppid}-parent1`, 'frameline-something-else'].sort());
  });

  it('returns 0 for a folder that does not exist', async () => {
    expect(await sweepStaleSpillFolders(temp.file('missing'))).toBe(0);
  });
});
