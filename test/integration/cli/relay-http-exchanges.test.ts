import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../harness/free-port.js';
import { startPythonSocketio, type PythonSocketioPeer } from '../../harness/python-socketio-server.js';
import { requirePeer } from '../../harness/require-peer.js';
import { tempDirPerTest } from '../../harness/temp-dir-per-test.js';
import { startCliRelay, type CliRelay } from './relay-cli.js';
import { bodyText, exchangeLines } from './relay-json-lines.js';

const pythonSocketio = requirePeer('python-socketio');

/** socket.io-client with its default transports (HTTP long-polling, then the upgrade to WebSocket), connected to /chat. */
async function connectSocketIo(url: string): Promise<Socket> {
  const socket = io(`${url}/chat`, { reconnection: false, timeout: 10_000 });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

function upgraded(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.io.engine.transport.name === 'websocket') return resolve();
    socket.io.engine.once('upgrade', () => resolve());
  });
}

describe.skipIf(!pythonSocketio.isAvailable)('frameline relay --to: HTTP exchanges before the WebSocket (python-socketio, socket.io-client)', () => {
  const temp = tempDirPerTest('relay-http');
  let server: PythonSocketioPeer | undefined;
  let relay: CliRelay | undefined;
  let client: Socket | undefined;
  afterEach(async () => {
    client?.close();
    await relay?.stop();
    await server?.stop();
    client = relay = server = undefined;
  });

  it('records the Engine.IO handshake over long-polling (200, 0{"sid"…), then relays the upgrade as before', async () => {
    server = await startPythonSocketio({ pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true });
    const port = await freePort();
    relay = await startCliRelay([`127.0.0.1:${port}`, '--to', `ws://127.0.0.1:${server.port}`, '--json'], temp().path);
    client = await connectSocketIo(`http://127.0.0.1:${port}`);
    await upgraded(client);
    const ack = await client.timeout(10_000).emitWithAck('chat:message', 'through the relay');
    expect(ack).toEqual({ ok: true, echo: 'through the relay' });
    const sent = Buffer.from('42/chat,0["chat:message","through the relay"]').toString('base64');
    await relay.waitForOut(new RegExp(`"payload":"${sent.replace(/[+/=]/g, (character) => `\\${character}`)}"`));

    const exchanges = exchangeLines(relay.stdout());
    const handshake = exchanges.find((exchange) => exchange.method === 'GET' && bodyText(exchange.response?.body.start ?? '').startsWith('0{'));
    expect(handshake, relay.stdout()).toBeDefined();
    expect(handshake!.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/socket\\.io/\\?EIO=4&transport=polling`));
    expect(handshake!.response?.statusCode).toBe(200);
    expect(handshake!.end).toEqual({ kind: 'completed' });
    const body = bodyText(handshake!.response!.body.start);
    expect(body).toMatch(/^0\{"sid"/);
    const open = JSON.parse(body.slice(1)) as { sid: string; upgrades: string[]; pingInterval: number; pingTimeout: number };
    expect(open).toMatchObject({ upgrades: ['websocket'], pingInterval: 25_000, pingTimeout: 20_000 });
    expect(handshake!.response!.body.byteLength).toBe(Buffer.byteLength(body));
    expect(handshake!.response!.body).toMatchObject({ isTruncated: false, isComplete: true });
    // The namespace connect went up by POST, with its body counted and kept.
    const post = exchanges.find((exchange) => exchange.method === 'POST');
    expect(post?.requestBody.byteLength).toBeGreaterThan(0);
    expect(bodyText(post!.requestBody.start)).toMatch(/^40\/chat/);

    // The upgrade, with the polling session's sid, is a relayed WebSocket connection, recorded frame by frame (the server's compressed, read inflated).
    const records = relay.stdout().split('\n').filter((line) => line.startsWith('{') && !line.includes('"kind":"http-exchange"')).map((line) => JSON.parse(line) as { kind: string; connection: number; leg?: string; payload?: string; inflatedPayload?: string });
    const payloads = records.filter((record) => record.kind === 'frame').map((record) => bodyText(record.inflatedPayload ?? record.payload ?? ''));
    expect(payloads).toContain('2probe');
    expect(payloads).toContain('3probe');
    expect(payloads.some((payload) => payload.includes('"chat:message","through the relay"'))).toBe(true);
    const upgrade = records.find((record) => record.kind === 'handshake' && record.leg === 'server') as { request?: { target: string } } | undefined;
    // From the client: the open packet's sid may be blanked in the line once a URL named it (relay-json-bodies.test.ts).
    expect(upgrade?.request?.target).toContain(`transport=websocket&sid=${client.io.engine.id}`);
    expect(open.sid).toHaveLength(client.io.engine.id.length);
  });

  it('prints one readable line per finished exchange', async () => {
    server = await startPythonSocketio({ pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true });
    const port = await freePort();
    relay = await startCliRelay([`127.0.0.1:${port}`, '--to', `ws://127.0.0.1:${server.port}`], temp().path);
    client = await connectSocketIo(`http://127.0.0.1:${port}`);
    const out = await relay.waitForOut(/HTTP #\d+ .* GET http:\/\/127\.0\.0\.1:\d+\/socket\.io\/\?EIO=4&transport=polling\S* → 200 OK · request body 0 B · response body \d+ B · \d+ ms · completed\n/);
    expect(out).toMatch(/HTTP #\d+ 127\.0\.0\.1:\d+ POST .* → 200 OK · request body \d+ B/);
  });

  it('says it in Chinese when asked', async () => {
    server = await startPythonSocketio({ pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true });
    const port = await freePort();
    relay = await startCliRelay([`127.0.0.1:${port}`, '--to', `ws://127.0.0.1:${server.port}`], temp().path, 'zh-CN');
    client = await connectSocketIo(`http://127.0.0.1:${port}`);
    await relay.waitForOut(/HTTP #\d+ \S+ GET \S+ → 200 OK · 请求体 0 B · 响应体 \d+ B · \d+ 毫秒 · 已完成\n/);
  });
});
