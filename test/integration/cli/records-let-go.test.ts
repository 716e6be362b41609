import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecordJson, FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { floodMessages } from '../../harness/stalled-reader.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { jsonLines, runCli } from './run-cli.js';

// A session longer than its record budget: without a capture file the CLI lets go of what it
// printed, so the budget bounds only the records waiting to be printed and every message is
// printed; with one, the records are kept for the file and the budget stops keeping them.
const messageCount = 30_000;
const maxRecords = 2_000;

let server: WsServerPeer;
let temp: TempDir;
beforeAll(async () => {
  // The ws server floods every client on connect; the client's first message makes it close after the flood.
  server = await startWsServer({ messagesOnConnect: floodMessages(messageCount), isEcho: false, closeAfterMessage: { closeCode: 4000, reason: 'flood over' } });
  temp = createTempDir('records-let-go');
});
afterAll(async () => {
  await server?.stop();
  temp?.remove();
});

const inboundTexts = (records: readonly RecordJson[]): FrameRecordJson[] => records.filter((record): record is FrameRecordJson => record.kind === 'frame' && record.direction === 'in' && record.opcode === 1);
const budgetWarnings = (records: readonly RecordJson[]): EventRecordJson[] => records.filter((record): record is EventRecordJson => record.kind === 'event' && record.name === 'warning' && (record as { budget?: string }).budget === 'records');

describe('frameline connect --json with a record budget smaller than the session', () => {
  it('prints every message when no capture file is written, and never reaches the budget', async () => {
    const run = await runCli(['connect', server.url, '--json', '--send', 'go', '--max-records', String(maxRecords), '--wait', '30']);
    const records = jsonLines(run.stdout);
    const texts = inboundTexts(records);
    expect(texts).toHaveLength(messageCount);
    expect(Buffer.from(texts[messageCount - 1]!.payload, 'base64').toString('utf8')).toContain(`"seq":${messageCount - 1},`);
    expect(budgetWarnings(records)).toEqual([]);
    expect(records.some((record) => record.kind === 'event' && record.name === 'closed')).toBe(true);
  });

  it('keeps the budget when a capture file is written: the warning, then frames counted only', async () => {
    const file = temp.file('kept.frameline.json');
    const run = await runCli(['connect', server.url, '--json', '--send', 'go', '--max-records', String(maxRecords), '--wait', '30', '--capture', file]);
    const records = jsonLines(run.stdout);
    expect(budgetWarnings(records)).toHaveLength(1);
    expect(inboundTexts(records).length).toBeLessThan(maxRecords);
    const savedFrames = readFileSync(file, 'utf8').split('\n').filter((line) => line.startsWith('{"kind":"frame"'));
    expect(savedFrames.length).toBeGreaterThan(maxRecords / 2);
    expect(savedFrames.length).toBeLessThan(maxRecords);
  });
});
