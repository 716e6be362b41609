import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCapture } from '../../../electron/engine/capture/native-reader.js';
import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { exitOf } from '../../harness/stalled-reader.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// 6,000 binary messages of 4 KiB, each its own bytes: 24 MiB, six times the CLI's 4 MiB slab, so
// printed slabs are let go and reused many times over while the flood is read.
const messageCount = 6_000;
const messageBytes = 4096;
const messageAt = (index: number): Uint8Array => Uint8Array.from({ length: messageBytes }, (_, at) => (index * 7 + at * 13 + (at >> 8)) & 0xff);

let server: WsServerPeer;
let temp: TempDir;
beforeAll(async () => {
  server = await startWsServer({ messagesOnConnect: Array.from({ length: messageCount }, (_, index) => messageAt(index)), isEcho: false, closeAfterMessage: { closeCode: 4000, reason: 'flood over' } });
  temp = createTempDir('releases-printed');
});
afterAll(async () => {
  await server.stop();
  temp.remove();
});

/** `frameline connect URL --json …` to the end; its stdout as records, and its exit status. */
async function connect(extra: readonly string[]): Promise<{ records: RecordJson[]; status: number | string; stderr: string }> {
  const cli = spawn(process.execPath, ['bin/frameline.js', 'connect', server.url, '--json', '--send', 'go', '--wait', '60', ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  cli.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const status = await exitOf(cli);
  return { records: stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as RecordJson), status, stderr };
}

function receivedPayloads(records: readonly RecordJson[]): Buffer[] {
  return records.filter((record): record is FrameRecordJson => record.kind === 'frame' && record.direction === 'in' && record.opcode === 2).map((frame) => Buffer.from(frame.payload, 'base64'));
}

describe('frameline connect --json lets go of printed payloads', () => {
  it('prints every byte of a flood many slabs long, each payload its own', async () => {
    const { records, status, stderr } = await connect([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const payloads = receivedPayloads(records);
    expect(payloads).toHaveLength(messageCount);
    payloads.forEach((payload, index) => {
      if (!payload.equals(messageAt(index))) expect.fail(`message ${index} printed other bytes than the server sent`);
    });
  }, 120_000);

  it('with --capture keeps them all for the file written at the end', async () => {
    const file = temp.file('flood.frameline.json');
    const { records, status } = await connect(['--capture', file]);
    expect(status).toBe(0);
    expect(receivedPayloads(records)).toHaveLength(messageCount);
    const read = await readCapture({ path: file });
    if (!read.ok) return expect.fail(read.problem.message);
    const saved = receivedPayloads(Array.from({ length: read.log.count }, (_, seq) => read.log.getRecordJson(seq)));
    expect(saved).toHaveLength(messageCount);
    saved.forEach((payload, index) => {
      if (!payload.equals(messageAt(index))) expect.fail(`message ${index} in the capture file differs from what the server sent`);
    });
  }, 120_000);
});
