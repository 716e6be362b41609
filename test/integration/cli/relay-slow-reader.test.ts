import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { eventually } from '../../harness/eventually.js';
import { freePort } from '../../harness/free-port.js';
import { exitOf, floodMessages, residentMegabytes, startStalledReader } from '../../harness/stalled-reader.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { connectWs } from '../../harness/ws-client.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const messageCount = 200_000;

let server: WsServerPeer;
let temp: TempDir;
const children: ChildProcess[] = [];
beforeAll(async () => {
  // The ws server floods every client on connect.
  server = await startWsServer({ messagesOnConnect: floodMessages(messageCount), isEcho: false });
  temp = createTempDir('relay-slow-reader');
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(async () => {
  await server.stop();
  temp.remove();
});

/**
 * Issue 19, output back-pressure, for `frameline relay` as for `frameline connect`
 * (slow-reader.test.ts): the relay's printer is connect's, so a reader that does not read makes
 * the output wait in the capture, not in the process's write queue, while the relay goes on
 * carrying the flood; once the reader reads, every record of all four legs is printed.
 */
describe('frameline relay --json | a reader that is not reading', () => {
  it('carries the flood without buffering its output, and prints every record once the reader reads', async () => {
    const reader = startStalledReader(temp);
    children.push(reader.process);
    const port = await freePort();
    const relay = spawn(process.execPath, ['bin/frameline.js', 'relay', `127.0.0.1:${port}`, '--to', server.url, '--json'], { cwd: root, stdio: ['ignore', reader.writeFd, 'pipe'] });
    children.push(relay);
    reader.closeWriteEnd();
    const relayExit = exitOf(relay);
    let stderr = '';
    relay.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await eventually(() => stderr.includes('Ctrl-C') || undefined, () => `the relay to start; stderr: ${stderr}`, 30_000);

    // The client gets the whole flood through the relay while nothing of the relay's output is read.
    const client = await connectWs(`ws://127.0.0.1:${port}/`);
    const received = await client.nextMessages(messageCount, 120_000);
    expect(received.at(-1)?.data.toString()).toContain(`"seq":${messageCount - 1}`);
    const megabytes = residentMegabytes(relay.pid!);
    console.log(`relay resident set with its output unread: ${megabytes.toFixed(0)} MB`);
    expect(megabytes).toBeLessThan(400);

    client.socket.close(1000);
    await client.closed();
    reader.release();
    // Ctrl-C at once: everything recorded is printed before the relay stops.
    relay.kill('SIGINT');
    expect(await relayExit).toBe(0);
    expect(await reader.exited).toBe(0);
    const lines = readFileSync(reader.outputPath, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { kind: string });
    // Records, and the paused queue whenever it changes (empty here: the session ended).
    const records = lines.filter((line): line is RecordJson & { connection: number } => line.kind !== 'paused');
    const outOfPlace = records.findIndex((record, index) => record.seq !== index);
    expect(outOfPlace, JSON.stringify(records.slice(Math.max(0, outOfPlace - 2), outOfPlace + 2))).toBe(-1);
    const legFrames = (leg: 'client' | 'server'): FrameRecordJson[] => records.filter((record): record is FrameRecordJson & { connection: number } => record.kind === 'frame' && record.leg === leg && record.direction === 'in' && record.opcode === 1);
    expect(legFrames('server')).toHaveLength(messageCount);
    expect(legFrames('client')).toHaveLength(messageCount);
    expect(records.at(-1)).toMatchObject({ kind: 'event', name: 'closed', connection: 1 });
  }, 240_000);
});
