import { connect } from 'node:net';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { PassThrough } from 'node:stream';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import type { ListenConnection } from '../../../electron/engine/listen/listen-connection.js';
import { Listener } from '../../../electron/engine/listen/listener.js';
import { runListen } from '../../../electron/cli/listen-command.js';
import { readCapture } from '../../../electron/engine/capture/native-reader.js';
import { createTempDir } from '../../harness/temp-dir.js';
import { createCertificates, type CertificateSet } from '../../harness/certificates.js';
import { freePort } from '../../harness/free-port.js';
import { requirePeer } from '../../harness/require-peer.js';
import { connectWs, expectHandshakeFailure } from '../../harness/ws-client.js';

const openssl = requirePeer('openssl');

async function withListener<T>(options: ConstructorParameters<typeof Listener>[0], body: (url: string, connections: ListenConnection[]) => Promise<T>): Promise<T> {
  const listener = new Listener(options);
  const connections: ListenConnection[] = [];
  listener.onDidAccept((connection) => connections.push(connection));
  const address = await listener.start();
  try {
    return await body(address.url, connections);
  } finally {
    await listener.stop();
  }
}

function records(connection: ListenConnection): RecordJson[] {
  return Array.from({ length: connection.capture.count }, (_, seq) => connection.capture.getRecordJson(seq));
}

/** Writes raw bytes and resolves with everything the listener answered before closing or `waitMs`. */
function rawExchange(port: number, bytes: string, waitMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    const done = (): void => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    socket.on('close', done);
    setTimeout(done, waitMs);
  });
}

describe('the listener with the ws client', () => {
  it('records the request exactly (order, case, peer), then client frames with their masks, and echoes', async () => {
    await withListener({ port: 0, echo: true }, async (url, connections) => {
      const client = await connectWs(`${url}chat?room=1`, { headers: { 'X-Custom-Case': 'Kept', Origin: 'https://app.example' } });
      client.socket.send('hello listener');
      expect((await client.nextMessages())[0]!.data.toString()).toBe('hello listener');
      client.socket.close(1000, 'bye');
      expect((await client.closed()).code).toBe(1000);
      const connection = connections[0]!;
      await connection.ended;
      const request = connection.request!;
      expect(request.requestLine).toBe('GET /chat?room=1 HTTP/1.1');
      expect(request.headers.map(([name]) => name)).toContain('X-Custom-Case');
      expect(request.headers.find(([name]) => name === 'Sec-WebSocket-Version')?.[1]).toBe('13');
      expect(request.peer.address).toBe('127.0.0.1');
      expect(Buffer.from(request.raw, 'base64').toString('latin1')).toMatch(/^GET \/chat\?room=1 HTTP\/1\.1\r\n[\s\S]*\r\n\r\n$/);
      const frames = records(connection).filter((record): record is FrameRecordJson => record.kind === 'frame');
      const fromClient = frames.filter((frame) => frame.direction === 'out');
      expect(fromClient[0]).toMatchObject({ opcode: 1, masked: true, payload: Buffer.from('hello listener').toString('base64') });
      expect(fromClient[0]!.maskingKey).toMatch(/^[0-9a-f]{8}$/);
      expect(frames.filter((frame) => frame.direction === 'in')[0]).toMatchObject({ opcode: 1, masked: false });
      expect(connection.closed).toMatchObject({ by: 'client', how: 'close-frame', closeCode: 1000 });
    });
  });

  it('answers a ping with a pong and echoes a 1 MiB binary message whole', async () => {
    await withListener({ port: 0, echo: true }, async (url) => {
      const client = await connectWs(url);
      const pong = new Promise<Buffer>((resolve) => client.socket.once('pong', resolve));
      client.socket.ping('are you there');
      expect((await pong).toString()).toBe('are you there');
      const big = Buffer.alloc(1024 * 1024, 7);
      client.socket.send(big);
      const [echo] = await client.nextMessages(1, 10_000);
      expect(echo!.isBinary).toBe(true);
      expect(echo!.data.equals(big)).toBe(true);
      client.socket.close();
    });
  });

  it('can be driven as a server: text, a crafted fragmented message, then a close with a code (issue 11 builds on it)', async () => {
    await withListener({ port: 0 }, async (url, connections) => {
      const client = await connectWs(url);
      const connection = connections[0]!;
      await new Promise<void>((resolve) => (connection.state === 'open' ? resolve() : connection.onDidChangeState((state) => state === 'open' && resolve())));
      connection.send({ type: 'text', data: 'from the server' });
      connection.send({ type: 'frame', opcode: 2, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'none', payload: Buffer.from('abcdef').toString('base64'), fragmentSize: 4 });
      const messages = await client.nextMessages(2);
      expect(messages.map((message) => [message.isBinary, message.data.toString()])).toEqual([[false, 'from the server'], [true, 'abcdef']]);
      connection.close(4001, 'server says bye');
      expect(await client.closed()).toMatchObject({ code: 4001, reason: 'server says bye' });
      expect(await connection.ended).toMatchObject({ by: 'server', how: 'close-frame', closeCode: 4001, closeReason: 'server says bye' });
      const sent = records(connection).filter((record): record is FrameRecordJson => record.kind === 'frame' && record.direction === 'in');
      expect(sent.map((frame) => [frame.opcode, frame.fin, frame.masked])).toEqual([[1, true, false], [2, false, false], [0, true, false], [8, true, false]]);
      expect(() => connection.send({ type: 'text', data: 'late' })).toThrow(/cannot send/);
    });
  });

  it('--respond 426 imitates a broken backend', async () => {
    await withListener({ port: 0, respondStatus: 426 }, async (url, connections) => {
      expect((await expectHandshakeFailure(url)).status).toBe(426);
      expect(connections[0]!.request?.method).toBe('GET');
    });
  });

  it('a GET without Upgrade gets 426, an HTTP/1.0 upgrade is accepted and its request line kept', async () => {
    await withListener({ port: 0 }, async (url, connections) => {
      const port = Number(new URL(url).port);
      expect(await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 426 Upgrade Required\r\n/);
      const upgrade = 'GET /old HTTP/1.0\r\nHost: x\r\nUpgrade: websocket\r\nConnection: upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
      const answer = await rawExchange(port, upgrade, 300);
      expect(answer).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
      expect(answer).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
      expect(connections[1]!.request).toMatchObject({ requestLine: 'GET /old HTTP/1.0', httpVersion: '1.0' });
    });
  });
});

describe.skipIf(!openssl.isAvailable)('the listener with TLS', () => {
  let certificates: CertificateSet;
  beforeAll(async () => {
    certificates = await createCertificates();
  });
  afterAll(() => certificates?.remove());

  it('serves wss:// with the given certificate', async () => {
    await withListener({ port: 0, echo: true, tls: { certFile: certificates.server.cert, keyFile: certificates.server.key } }, async (url) => {
      expect(url).toMatch(/^wss:/);
      const client = await connectWs(url, { ca: readFileSync(certificates.caCert) });
      client.socket.send('secure');
      expect((await client.nextMessages())[0]!.data.toString()).toBe('secure');
      client.socket.close();
    });
  });
});

describe('frameline listen --json', () => {
  it('prints every record of the connection from seq 0 (tcp-connected first), each with its connection, and the request record before the handshake', async () => {
    const port = await freePort();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let output = '';
    stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const dir = createTempDir('listen-capture');
    const captureFile = dir.file('listened.frameline.json');
    const running = runListen([`127.0.0.1:${port}`, '--echo', '--json', '--capture', captureFile], { stdin: new PassThrough(), stdout, stderr, isStdinTerminal: false }, createTranslate('en'), stopped);
    await new Promise((resolve) => stderr.once('data', resolve));
    const client = await connectWs(`ws://127.0.0.1:${port}/cli`);
    client.socket.send('via cli');
    await client.nextMessages();
    client.socket.close(1000);
    await client.closed();
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    expect(await running).toBe(0);
    const lines = output.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; seq?: number; name?: string; connection?: number; requestLine?: string; direction?: string });
    expect(lines[0]).toMatchObject({ kind: 'event', seq: 0, name: 'tcp-connected', connection: 1 });
    const records = lines.filter((line) => line.kind !== 'request');
    expect(records.map((line) => line.seq)).toEqual(records.map((_, index) => index));
    expect(records.every((line) => line.connection === 1)).toBe(true);
    const requestAt = lines.findIndex((line) => line.kind === 'request');
    expect(lines[requestAt]).toMatchObject({ kind: 'request', requestLine: 'GET /cli HTTP/1.1', connection: 1 });
    expect(requestAt).toBeLessThan(lines.findIndex((line) => line.kind === 'handshake'));
    expect(lines.filter((line) => line.kind === 'frame' && line.direction === 'out').length).toBeGreaterThanOrEqual(2);
    const capture = await readCapture({ path: captureFile });
    dir.remove();
    expect(capture.ok).toBe(true);
    if (capture.ok) expect(capture.log.header.handshake?.request.target).toBe('/cli');
  });
});
