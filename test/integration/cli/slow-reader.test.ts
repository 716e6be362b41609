import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecordJson, FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const messageCount = 100_000;

let server: WsServerPeer;
let temp: TempDir;
const children: ChildProcess[] = [];
beforeAll(async () => {
  // The ws server floods every client on connect; the client's first message makes it close after the flood.
  const flood = Array.from({ length: messageCount }, (_, index) => `{"seq":${index},"price":${(100 + (index % 97) / 10).toFixed(1)},"pad":"${'x'.repeat(160)}"}`);
  server = await startWsServer({ messagesOnConnect: flood, isEcho: false, closeAfterMessage: { closeCode: 4000, reason: 'flood over' } });
  temp = createTempDir('slow-reader');
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

describe('frameline connect --json | a reader that is not reading', () => {
  it('keeps recording the flood without buffering it, and prints every record once the reader reads', async () => {
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
    // A named pipe, as a shell's `|` gives: nothing reads it until the reader is told to.
    const pipe = openSync(fifo, 'w');
    const cli = spawn(process.execPath, ['bin/frameline.js', 'connect', server.url, '--json', '--send', 'go', '--wait', '120'], { cwd: root, stdio: ['ignore', pipe, 'pipe'] });
    children.push(cli);
    closeSync(pipe);
    const cliExit = exitOf(cli);
    const readerExit = exitOf(reader);
    let stderr = '';
    cli.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

    // The session reads the whole flood and answers the server's close while nothing of its output is read.
    await waitFor(() => server.logs().includes('[ws] close 4000'), () => `the session to answer the close after the flood; server log: ${server.logs().slice(-300)} cli stderr: ${stderr}`, 90_000);
    // The records wait in the capture, not in an output queue: memory stays that of the capture.
    console.log('RSS', residentMegabytes(cli.pid!), root);
    expect(residentMegabytes(cli.pid!)).toBeLessThan(300);

    writeFileSync(go, '');
    expect(await cliExit).toBe(0);
    expect(await readerExit).toBe(0);
    expect(stderr).toBe('');
    const records = readFileSync(output, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as RecordJson);
    expect(records.map((record) => record.seq)).toEqual([...records.keys()]);
    const received = records.filter((record): record is FrameRecordJson => record.kind === 'frame' && record.direction === 'in' && record.opcode === 1);
    expect(received).toHaveLength(messageCount);
    expect(Buffer.from(received.at(-1)!.payload, 'base64').toString('utf8')).toContain(`"seq":${messageCount - 1}`);
    expect(records.at(-1)).toMatchObject({ kind: 'event', name: 'closed', by: 'server', how: 'close-frame', closeCode: 4000 } satisfies Partial<EventRecordJson>);
  }, 180_000);
});
