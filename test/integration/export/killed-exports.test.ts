import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { exportCaptureFile, exportExtension } from '../../../electron/engine/capture/export/export-capture.js';
import { readCapture } from '../../../electron/engine/capture/native-reader.js';
import type { ExportFormat } from '../../../shared/contract/export-format.js';
import { killed, startWritingProcess } from '../../harness/killable-process.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { sampleFrame, sampleHeader } from '../../unit/capture/capture-fixtures.js';

/**
 * Issue 19, "a save killed midway leaves no stale temporary files", for capture exports: a real
 * process exports a capture again and again (native, HAR, pcapng) and is killed with SIGKILL at
 * random moments. The next export of each file sweeps the temp files the killed ones left, and
 * leaves a whole file; a temp file of another file in the folder, or of an export still running
 * in another process, is not touched.
 */

const kills = 30;
const formats: ExportFormat[] = ['json', 'har', 'pcapng'];

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const tempFiles = (directory: string): string[] => readdirSync(directory).filter((name) => name.endsWith('.tmp'));

function smallCapture(): CaptureLog {
  const log = new CaptureLog({ header: sampleHeader() });
  for (let index = 0; index < 10; index++) log.appendFrame(sampleFrame(`frame ${index}`, { atMicros: index * 10 }), 'in');
  return log;
}

describe('capture exports killed midway', () => {
  let temp: TempDir;
  let exporter: string;

  beforeAll(async () => {
    temp = createTempDir('killed-exports');
    exporter = temp.file('export-forever.cjs');
    // One bundle, so each of the many short-lived children starts in milliseconds.
    await build({ entryPoints: [fileURLToPath(new URL('./export-forever.ts', import.meta.url))], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: exporter, logLevel: 'warning' });
  });

  afterAll(() => temp.remove());

  it('leave temp files that the next export of the file sweeps, and that export is whole', async () => {
    const directory = temp.file('exports');
    mkdirSync(directory, { recursive: true });
    // Someone else's temp file in the same folder, of a dead writer: not ours to sweep.
    const unrelated = `notes.txt.${2 ** 30}-a1b2c3.tmp`;
    writeFileSync(join(directory, unrelated), 'keep');
    let leftBehind = 0;
    for (let kill = 0; kill < kills; kill++) {
      const child = await startWritingProcess(exporter, [directory], 'exporter');
      await delay(50 + Math.floor(Math.random() * 400));
      await killed(child);
      leftBehind = Math.max(leftBehind, tempFiles(directory).length - 1);
    }
    // The case under test happened: kills did land between a temp file's creation and its rename.
    expect(leftBehind).toBeGreaterThan(0);

    const log = smallCapture();
    for (const format of formats) await exportCaptureFile(log, format, join(directory, `capture${exportExtension[format]}`));
    expect(tempFiles(directory)).toEqual([unrelated]);
    const reread = await readCapture({ path: join(directory, 'capture.frameline.json') });
    expect(reread.ok && reread.log.count).toBe(10);
  }, 120_000);

  it('never sweeps the temp file of an export still running in another process', async () => {
    const directory = temp.file('shared');
    mkdirSync(directory, { recursive: true });
    const child = await startWritingProcess(exporter, [directory], 'exporter');
    let childErrors = '';
    child.stderr!.on('data', (chunk: Buffer) => (childErrors += chunk.toString()));
    let childExit: string | null = null;
    child.once('exit', (code, signal) => (childExit = `${code ?? signal}`));
    // Its first export is under way: its temp file is there for the sweeps below to leave alone.
    for (let waited = 0; tempFiles(directory).length === 0; waited += 20) {
      if (waited > 30_000) throw new Error('the exporter wrote no temp file');
      await delay(20);
    }
    const log = smallCapture();
    for (let round = 0; round < 60; round++) await exportCaptureFile(log, formats[round % 3]!, join(directory, `capture${exportExtension[formats[round % 3]!]}`));
    expect(childExit).toBeNull();
    await killed(child);
    expect(childErrors).toBe('');
  }, 120_000);
});
