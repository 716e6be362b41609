import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecordJson, FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { eventually } from '../../harness/eventually.js';
import { exitOf, floodMessages, residentMegabytes, startStalledReader } from '../../harness/stalled-reader.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const messageCount = 100_000;

let server: WsServerPeer;
let temp: TempDir;
const children: ChildProcess[] = [];
beforeAll(async () => {
  // The ws server floods every client on connect; the client's first message makes it close after the flood.
  server = await startWsServer({ messagesOnConnect: floodMessages(messageCount), isEcho: false, closeAfterMessage: { closeCode: 4000, reason: 'flood over' } });
  temp = createTempDir('slow-reader');
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(async () => {
  await server.stop();
  temp.remove();
});

describe('frameline connect --json | a reader that is not reading', () => {
  it('keeps recording the flood without buffering it, and prints every record once the reader reads', async () => {
    // A named pipe, as a shell's `|` gives: nothing reads it until the reader is released.
    const reader = startStalledReader(temp);
    children.push(reader.process);
    const cli = spawn(process.execPath, ['bin/frameline.js', 'connect', server.url, '--json', '--send', 'go', '--wait', '120'], { cwd: root, stdio: ['ignore', reader.writeFd, 'pipe'] });
    children.push(cli);
    reader.closeWriteEnd();
    const cliExit = exitOf(cli);
    let stderr = '';
    cli.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

    // The session reads the whole flood and answers the server's close while nothing of its output is read.
    await eventually(() => server.logs().includes('[ws] close 4000') || undefined, () => `the session to answer the close after the flood; server log: ${server.logs().slice(-300)} cli stderr: ${stderr}`, 90_000);
    // The records wait in the capture, not in an output queue: memory stays that of the capture.
    expect(residentMegabytes(cli.pid!)).toBeLessThan(300);

    reader.release();
    expect(await cliExit).toBe(0);
    expect(await reader.exited).toBe(0);
    expect(stderr).toBe('');
    const records = readFileSync(reader.outputPath, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as RecordJson);
    expect(records.map((record) => record.seq)).toEqual([...records.keys()]);
    const received = records.filter((record): record is FrameRecordJson => record.kind === 'frame' && record.direction === 'in' && record.opcode === 1);
    expect(received).toHaveLength(messageCount);
    expect(Buffer.from(received.at(-1)!.payload, 'base64').toString('utf8')).toContain(`"seq":${messageCount - 1}`);
    expect(records.at(-1)).toMatchObject({ kind: 'event', name: 'closed', by: 'server', how: 'close-frame', closeCode: 4000 } satisfies Partial<EventRecordJson>);
  }, 180_000);
});
