import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { freePort } from '../../harness/free-port.js';
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
  const flood = Array.from({ length: messageCount }, (_, index) => `{"seq":${index},"price":${(100 + (index % 97) / 10).toFixed(1)},"pad":"${'x'.repeat(160)}"}`);
  server = await startWsServer({ messagesOnConnect: flood, isEcho: false });
  temp = createTempDir('relay-slow-reader');
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(async () => {
  await server.stop();
  temp.remove();
});

async function waitFor(condition: () => boolean, what: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function exitOf(child: ChildProcess): Promise<number | string> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
}

function residentMegabytes(pid: number): number {
  const kilobytes = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kilobytes) / 1024;
}

/**
 * Issue 19, output back-pressure, for `frameline relay` as for `frameline connect`
 * (slow-reader.test.ts): the relay's printer is connect's, so a reader that does not read makes
 * the output wait in the capture, not in the process's write queue, while the relay goes on
 * carrying the flood; once the reader reads, every record of all four legs is printed.
 */
describe('frameline relay --json | a reader that is not reading', () => {
  it('carries the flood without buffering its output, and prints every record once the reader reads', async () => {
    const go = temp.file('go');
    const output = temp.file('output.jsonl');
    const fifo = temp.file('pipe');
    execFileSync('mkfifo', [fifo]);
    // A real reader process: it opens the pipe at once, then reads nothing until told to, then everything.
    const reader = spawn('sh', ['-c', 'exec 3<"$FIFO"; while [ ! -e "$GO" ]; do sleep 0.05; done; exec cat <&3 > "$OUT"'], {
      env: { ...process.env, FIFO: fifo, GO: go, OUT: output },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(reader);
    const pipe = openSync(fifo, 'w');
    const port = await freePort();
    const relay = spawn(process.execPath, ['bin/frameline.js', 'relay', `127.0.0.1:${port}`, '--to', server.url, '--json'], { cwd: root, stdio: ['ignore', pipe, 'pipe'] });
    children.push(relay);
    closeSync(pipe);
    const relayExit = exitOf(relay);
    const readerExit = exitOf(reader);
    let stderr = '';
    relay.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await waitFor(() => stderr.includes('Ctrl-C'), () => `the relay to start; stderr: ${stderr}`, 30_000);

    // The client gets the whole flood through the relay while nothing of the relay's output is read.
    const client = await connectWs(`ws://127.0.0.1:${port}/`);
    const received = await client.nextMessages(messageCount, 120_000);
    expect(received.at(-1)?.data.toString()).toContain(`"seq":${messageCount - 1}`);
    const megabytes = residentMegabytes(relay.pid!);
    console.log(`relay resident set with its output unread: ${megabytes.toFixed(0)} MB`);
    expect(megabytes).toBeLessThan(400);

    client.socket.close(1000);
    await client.closed();
    writeFileSync(go, '');
    // Ctrl-C at once: everything recorded is printed before the relay stops.
    relay.kill('SIGINT');
    expect(await relayExit).toBe(0);
    expect(await readerExit).toBe(0);
    const lines = readFileSync(output, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { kind: string });
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
