import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PreparedDownloads, suggestedExportName } from '../../../electron/engine/api/export-files.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';

describe('export names', () => {
  const openedAt = new Date(2025, 10, 21, 10, 12, 5).getTime();

  it('name the host and the start, and tell redacted from unredacted exports apart', () => {
    expect(suggestedExportName('ws://chat.example.test:8080/chat?room=1', openedAt, 'har', true)).toBe('chat.example.test_8080-20251121-101205-redacted.har');
    expect(suggestedExportName('ws://chat.example.test:8080/chat?room=1', openedAt, 'har', false)).toBe('chat.example.test_8080-20251121-101205-unredacted.har');
    expect(suggestedExportName('wss://[::1]:9001/', openedAt, 'json', true)).toBe('1_9001-20251121-101205-redacted.frameline.json');
    expect(suggestedExportName('not a url', openedAt, 'pcapng', true)).toBe('session-20251121-101205-redacted.pcapng');
  });
});

describe('prepared downloads', () => {
  let temp: TempDir;
  afterEach(() => temp?.remove());

  it('are handed over once, deleted when released, and all deleted on dispose', async () => {
    temp = createTempDir('downloads');
    const downloads = new PreparedDownloads(temp.path);
    const prepared = await downloads.prepare('a.har', async (path) => writeFileSync(path, 'first'));
    expect(prepared).toMatchObject({ suggestedName: 'a.har', byteLength: 5 });
    const taken = downloads.take(prepared.downloadId)!;
    expect(readFileSync(taken.path, 'utf8')).toBe('first');
    expect(downloads.take(prepared.downloadId)).toBeNull();
    downloads.release(taken);
    expect(existsSync(taken.path)).toBe(false);

    const waiting = await downloads.prepare('b.har', async (path) => writeFileSync(path, 'second'));
    const path = downloads.take(waiting.downloadId)!.path;
    downloads.dispose();
    expect(existsSync(path)).toBe(false);
  });

  it('keep only the newest few that were never downloaded', async () => {
    temp = createTempDir('downloads');
    const downloads = new PreparedDownloads(temp.path);
    const ids: string[] = [];
    for (let index = 0; index < 10; index += 1) ids.push((await downloads.prepare(`${index}.har`, async (path) => writeFileSync(path, String(index)))).downloadId);
    expect(downloads.take(ids[0]!)).toBeNull();
    expect(downloads.take(ids[9]!)?.suggestedName).toBe('9.har');
    downloads.dispose();
  });

  it('stop working once they expire unused, and their files are deleted', async () => {
    temp = createTempDir('downloads');
    let nowMs = 1_000;
    const downloads = new PreparedDownloads(temp.path, 60_000, () => nowMs);
    const early = await downloads.prepare('early.har', async (path) => writeFileSync(path, 'early'));
    nowMs += 30_000;
    const late = await downloads.prepare('late.har', async (path) => writeFileSync(path, 'late'));
    nowMs += 30_000;
    expect(downloads.take(early.downloadId)).toBeNull();
    expect(readdirSync(temp.path).flatMap((folder) => readdirSync(join(temp.path, folder)))).toEqual([late.downloadId]);
    expect(downloads.take(late.downloadId)?.suggestedName).toBe('late.har');
    downloads.dispose();
  });
});
