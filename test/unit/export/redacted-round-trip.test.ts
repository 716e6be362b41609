import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import type { FrameRow } from '../../../shared/contract/record-row.js';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { openCapture } from '../../../electron/engine/capture/export/capture-open.js';
import { defaultRedaction, noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import type { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { exportBytes, fixtureLog } from './export-fixture.js';

const options = { ...defaultRedaction, payloadPatterns: [/hunter\d/] };

async function reopen(fileName: string, bytes: Buffer): Promise<CaptureLog> {
  const result = await openCapture({ fileName, bytes });
  if (!result.ok) throw new Error(result.problem.message);
  return result.log;
}

function frames(log: CaptureLog): FrameRecordJson[] {
  return Array.from({ length: log.count }, (_, seq) => log.getRecordJson(seq)).filter((record): record is FrameRecordJson => record.kind === 'frame');
}

describe('the redacted mark survives export and import', () => {
  it.each([
    ['json', 'capture.frameline.json'],
    ['har', 'capture.har'],
  ] as const)('%s: the frame whose payload was replaced is marked in its record and its row, and only that frame', async (format, fileName) => {
    const log = await reopen(fileName, await exportBytes(fixtureLog(), format, options));
    const marked = frames(log).filter((frame) => frame.redacted === true);
    expect(marked).toHaveLength(1);
    expect(Buffer.from(marked[0]!.payload, 'base64').toString()).toBe('hello password=*******');
    const rows = log.getRecords(0, log.count).filter((row): row is FrameRow => row.kind === 'frame');
    expect(rows.filter((row) => row.redacted === true).map((row) => row.seq)).toEqual([marked[0]!.seq]);
    expect(rows.filter((row) => row.redacted !== true).every((row) => !('redacted' in row))).toBe(true);
  });

  it('a re-export of the imported capture keeps the mark, also without redaction', async () => {
    const first = await reopen('capture.frameline.json', await exportBytes(fixtureLog(), 'json', options));
    const again = await reopen('again.frameline.json', await exportBytes(first, 'json', noRedaction));
    expect(frames(again).filter((frame) => frame.redacted === true)).toHaveLength(1);
  });

  it('costs ordinary frames no side entry', async () => {
    const plain = await reopen('plain.frameline.json', await exportBytes(fixtureLog(), 'json', noRedaction));
    const marked = await reopen('marked.frameline.json', await exportBytes(fixtureLog(), 'json', options));
    expect(marked.memoryUsage().sideEntries).toBe(plain.memoryUsage().sideEntries + 1);
  });
});

describe('exportCapture through the engine', () => {
  let directory: string | undefined;
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('takes extra header names and payload patterns, redacts by default, and its file imports with the mark', async () => {
    directory = mkdtempSync(join(tmpdir(), 'frameline-export-'));
    const saved = join(directory, 'chosen');
    const asked: string[] = [];
    // The desktop app's save dialog, answering with a path the user picked.
    const engine = new FramelineEngine({ dataDirectory: join(directory, 'data'), chooseExportPath: async (name) => (asked.push(name), `${saved}-${asked.length}`) });
    const source = await exportBytes(fixtureLog(), 'json', noRedaction);
    const { sessionId } = await engine.run('importCapture', [{ kind: 'content', fileName: 'source.frameline.json', base64: source.toString('base64') }]);

    const exported = await engine.run('exportCapture', [sessionId, { format: 'json', extraHeaderNames: ['x-team-secret'], payloadPatterns: ['hunter\\d'] }]);
    expect(exported).toEqual({ kind: 'saved', fileName: `${saved}-1` });
    const text = readFileSync(`${saved}-1`, 'utf8');
    for (const secret of ['team-42', 'hunter2', 'dXNlcjpwYXNz']) expect(text).not.toContain(secret);
    const imported = await engine.run('importCapture', [{ kind: 'content', fileName: 'exported.frameline.json', base64: Buffer.from(text).toString('base64') }]);
    const page = await engine.run('getRecords', [imported.sessionId, 0, 100]);
    const listed = (await engine.run('listSessions', [])).find((each) => each.id === imported.sessionId);
    expect(listed).toMatchObject({ readOnly: true, counts: { framesIn: 4, framesOut: 2 } });
    expect(page.rows.filter((row) => row.kind === 'frame' && row.redacted === true)).toHaveLength(1);

    const plain = await engine.run('exportCapture', [sessionId, { format: 'har', redact: false }]);
    expect(plain).toEqual({ kind: 'saved', fileName: `${saved}-2` });
    expect(readFileSync(`${saved}-2`, 'utf8')).toContain('hunter2');
    // The dialog opened on names that tell a redacted export from an unredacted one.
    expect(asked[0]).toMatch(/-redacted\.frameline\.json$/);
    expect(asked[1]).toMatch(/-unredacted\.har$/);
    await engine.dispose();
  });

  it('refuses a payload pattern that is not a regular expression, naming the field', async () => {
    directory = mkdtempSync(join(tmpdir(), 'frameline-export-'));
    const engine = new FramelineEngine({ dataDirectory: join(directory, 'data') });
    await expect(engine.run('exportCapture', ['s1', { format: 'json', payloadPatterns: ['(unclosed'] }])).rejects.toThrow(/not a valid regular expression/);
    await engine.dispose();
  });
});
