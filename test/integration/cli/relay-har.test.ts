import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { openCapture } from '../../../electron/engine/capture/export/capture-open.js';
import type { EventRecordJson } from '../../../shared/contract/records.js';
import { eventually } from '../../harness/eventually.js';
import { exitOf } from '../../harness/stalled-reader.js';
import { freePort } from '../../harness/free-port.js';
import { startSocketIoServer, type SocketIoServerPeer } from '../../harness/socket-io-server.js';
import { tempDirPerTest } from '../../harness/temp-dir-per-test.js';
import { startCliRelay } from './relay-cli.js';
import { validateHar } from '../../harness/har-validator.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
interface HarEntry {
  request: { method: string; url: string; bodySize: number; postData?: { text: string } };
  response: { status: number; statusText: string; content: { size: number; text?: string; encoding?: string } };
  _frameline: { end: { kind: string } };
}

/** socket.io-client v4 with its default transports: long-polling first, then the upgrade to WebSocket. */
async function connectThrough(relayPort: number): Promise<Socket> {
  const socket = io(`http://127.0.0.1:${relayPort}/chat`, { reconnection: false, timeout: 10_000 });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  if (socket.io.engine.transport.name !== 'websocket') await new Promise<void>((resolve) => socket.io.engine.once('upgrade', () => resolve()));
  return socket;
}

/**
 * `frameline relay --to … --har FILE` as a process between socket.io-client and a socket.io v4
 * server: the polling exchanges before the upgrade are in the HAR written when the relay is
 * stopped by a signal, as Ctrl-C or a service manager would stop it.
 */
describe('frameline relay --har (socket.io v4 server, socket.io-client polling then upgrading)', () => {
  const temp = tempDirPerTest('relay-har');
  const children: ChildProcess[] = [];
  let server: SocketIoServerPeer | undefined;
  let client: Socket | undefined;
  afterEach(async () => {
    client?.close();
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await server?.stop();
    client = server = undefined;
  });

  /** The built `frameline relay` to the server, writing `--har` into a fresh folder (its CA folder too). */
  async function startRelay(upstreamPort: number): Promise<{ port: number; harFile: string; relay: ChildProcess; exited: Promise<number | string>; stderr(): string }> {
    const dir = temp();
    const harFile = dir.file('exchanges.har');
    const port = await freePort();
    const relay = spawn(process.execPath, ['bin/frameline.js', 'relay', `127.0.0.1:${port}`, '--to', `ws://127.0.0.1:${upstreamPort}`, '--har', harFile, '--lang', 'en'], {
      cwd: root,
      env: { ...process.env, XDG_CONFIG_HOME: dir.path },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(relay);
    const exited = exitOf(relay);
    let stderr = '';
    relay.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await eventually(() => stderr.includes('Ctrl-C') || undefined, () => `the relay to start; stderr: ${stderr}`, 30_000);
    return { port, harFile, relay, exited, stderr: () => stderr };
  }

  it.each(['SIGINT', 'SIGTERM'] as const)('writes the polling GET and POST exchanges with their statuses and the Engine.IO open packet on %s', async (signal) => {
    server = await startSocketIoServer({ version: 4, pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true });
    const { port, harFile, relay, exited, stderr: stderrOf } = await startRelay(server.port);
    client = await connectThrough(port);
    const sid = client.io.engine.id;
    const ack = await client.timeout(10_000).emitWithAck('chat:message', 'through the relay');
    expect(ack).toEqual({ ok: true, echo: 'through the relay' });
    relay.kill(signal);
    expect(await exited).toBe(0);
    const stderr = stderrOf();
    expect(stderr).toMatch(new RegExp(`\\d+ HTTP exchanges written to ${harFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(HAR, secrets redacted\\)`));

    const bytes = readFileSync(harFile);
    // Redacted in the polling URLs as a credential-looking query value, so in the open packet's body too.
    expect(bytes.toString('utf8')).not.toContain(sid);
    const har = JSON.parse(bytes.toString('utf8')) as { log: { entries: HarEntry[] } };
    await expect(validateHar(har)).resolves.toBeTruthy();
    const polling = har.log.entries.filter((entry) => /\/socket\.io\/\?EIO=4&transport=polling/.test(entry.request.url));
    const gets = polling.filter((entry) => entry.request.method === 'GET');
    const posts = polling.filter((entry) => entry.request.method === 'POST');
    // The Engine.IO open packet (type 0) is the first GET's body.
    expect(gets[0]!.response).toMatchObject({ status: 200, statusText: 'OK' });
    const open = gets[0]!.response.content.text ?? '';
    expect(open).toMatch(new RegExp(`^0\\{"sid":"\\*{${sid.length}}","upgrades":\\["websocket"\\],"pingInterval":25000,"pingTimeout":20000`));
    expect(gets[0]!.response.content.size).toBe(Buffer.byteLength(open));
    expect(gets[0]!.request.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/socket\\.io/`));
    // The namespace CONNECT went up by POST, and the server took it with 200 "ok".
    const connect = posts.find((entry) => entry.request.postData?.text.startsWith('40/chat'));
    expect(connect?.response).toMatchObject({ status: 200 });
    expect(connect?.response.content.text).toBe('ok');
    expect(connect!.request.bodySize).toBe(Buffer.byteLength(connect!.request.postData!.text));
    for (const entry of polling) expect(entry._frameline.end.kind, JSON.stringify(entry)).not.toBe('upstream-failed');

    // Our own importer opens it: one note per exchange after the one saying what the file is.
    const opened = await openCapture({ path: harFile });
    if (!opened.ok) throw new Error(opened.problem.message);
    expect(opened.log.count).toBe(har.log.entries.length + 1);
    const notes = Array.from({ length: opened.log.count }, (_, seq) => opened.log.getRecordJson(seq) as EventRecordJson);
    expect(notes.every((note) => note.kind === 'event' && note.name === 'note')).toBe(true);
    expect(notes.some((note) => /^HTTP GET http:\/\/127\.0\.0\.1:\d+\/socket\.io\/\?EIO=4&transport=polling\S* → 200 OK/.test(note.message ?? ''))).toBe(true);
    opened.log.dispose();
  }, 60_000);

  it('ends a long-poll still held open when the relay stops, and writes it as closed by the client', async () => {
    server = await startSocketIoServer({ version: 4, pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true });
    const { port, harFile, relay, exited } = await startRelay(server.port);
    // Polling only: the client always has a GET waiting at the server (held until the next ping, 25 s away).
    client = io(`http://127.0.0.1:${port}/chat`, { reconnection: false, timeout: 10_000, transports: ['polling'] });
    await new Promise<void>((resolve, reject) => {
      client!.once('connect', () => resolve());
      client!.once('connect_error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    relay.kill('SIGINT');
    // Well before the held poll would have ended by itself.
    expect(await exited).toBe(0);
    const har = JSON.parse(readFileSync(harFile, 'utf8')) as { log: { entries: HarEntry[] } };
    const held = har.log.entries.at(-1)!;
    expect(held.request.method).toBe('GET');
    expect(held._frameline.end.kind).toBe('client-closed');
    expect(held.response.status).toBe(0);
  }, 60_000);

  it('says where it wrote them in Chinese when asked', async () => {
    server = await startSocketIoServer({ version: 4, pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true });
    const dir = temp();
    const harFile = dir.file('exchanges.har');
    const port = await freePort();
    const relay = await startCliRelay([`127.0.0.1:${port}`, '--to', `ws://127.0.0.1:${server.port}`, '--har', harFile], dir.path, 'zh-CN');
    client = await connectThrough(port);
    client.close();
    expect(await relay.stop()).toBe(0);
    expect(relay.stderr()).toMatch(/\d+ 个 HTTP 交换已写入 \S+exchanges\.har（HAR，机密已脱敏）/);
    expect((JSON.parse(readFileSync(harFile, 'utf8')) as { log: { entries: unknown[] } }).log.entries.length).toBeGreaterThan(0);
  }, 60_000);

  it('exits 1 with the reason when the file cannot be written, the relay having done its work', async () => {
    server = await startSocketIoServer({ version: 4, pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true });
    const dir = temp();
    const harFile = dir.file('no-such-folder', 'exchanges.har');
    const port = await freePort();
    const relay = await startCliRelay([`127.0.0.1:${port}`, '--to', `ws://127.0.0.1:${server.port}`, '--har', harFile], dir.path);
    client = await connectThrough(port);
    client.close();
    expect(await relay.stop()).toBe(1);
    expect(relay.stderr()).toContain(`frameline: the HTTP exchanges could not be written to ${harFile}: ENOENT`);
  }, 60_000);
});
