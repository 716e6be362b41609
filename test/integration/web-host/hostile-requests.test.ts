import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rendererDirectory } from '../../../electron/app-paths.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { eventually } from '../../harness/eventually.js';
import { bridgeCredentials, type BridgeCredentials } from '../../harness/bridge-credentials.js';
import { startFramelineUi, type FramelineUiProcess } from '../../harness/frameline-ui.js';
import { rawExchange } from '../../harness/raw-exchange.js';
import { openRawWebSocket } from '../../harness/raw-websocket.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

/**
 * Issue 19, "one request kills frameline ui": a real `frameline ui` process gets a corpus of
 * requests no browser would send, on every path it serves (pages, the token check, the bridge
 * upgrade, the bridge itself), and must still serve its page and keep a live session open.
 */

const mask = Uint8Array.of(1, 2, 3, 4);
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/** One bridge call as a masked text frame, the way a browser sends it. */
function callFrame(json: string): Uint8Array {
  return encodeFrame({ opcode: Opcode.text, payload: text(json), maskingKey: mask });
}

describe.skipIf(!existsSync(join(rendererDirectory(), 'index.html')))('frameline ui under hostile requests', () => {
  let ui: FramelineUiProcess;
  let echo: WsServerPeer;
  let credentials: BridgeCredentials;
  let bridge: WebSocket;
  let sessionId: string;
  type Answer = { type: string; result?: unknown; error?: { message: string; field?: string } };
  const waiting = new Map<number, (answer: Answer) => void>();
  let nextId = 1;

  /** One call over a well-behaved bridge client, answered within 10 s. */
  const call = (command: string, args: unknown[]): Promise<Answer> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command}: no answer within 10 s\n${ui.process.logs()}`)), 10_000);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      bridge.send(JSON.stringify({ type: 'call', id, command, args }));
    });
  };

  const host = (): string => `127.0.0.1:${ui.port}`;
  const origin = (): string => `http://${host()}`;

  beforeAll(async () => {
    echo = await startWsServer();
    ui = await startFramelineUi();
    credentials = await bridgeCredentials(ui);
    bridge = new WebSocket(`ws://${host()}/bridge?token=${encodeURIComponent(credentials.token)}`, { headers: { Origin: origin() } });
    bridge.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Answer & { id?: number };
      if (message.id !== undefined) waiting.get(message.id)?.(message);
    });
    await new Promise((resolve, reject) => {
      bridge.once('open', resolve);
      bridge.once('error', reject);
    });
    const opened = await call('openSession', [{ url: echo.url }]);
    sessionId = (opened.result as { sessionId: string }).sessionId;
    await eventually(async () => (((await call('listSessions', [])).result as { state: string }[])[0]?.state === 'open' ? true : undefined), 'the live session opens');
  });

  afterAll(async () => {
    bridge?.close();
    await ui?.stop();
    await echo?.stop();
  });

  it('answers malformed request targets with 400 and keeps serving', async () => {
    for (const target of ['/%', '/%zz', '/a%E0%A4%A', '/%00', '/%C0%AF', '/bridge-check%', '/assets/%']) {
      const answer = await rawExchange(ui.port, `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
      expect(answer.received, target).toMatch(/^HTTP\/1\.1 400 /);
    }
    // A malformed escape in the query is only data: the page is served.
    expect((await rawExchange(ui.port, `GET /?x=% HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`)).received).toMatch(/^HTTP\/1\.1 200 /);
    for (const target of ['http://[', 'http://127.0.0.1:1/', '//evil/x', '*', 'x']) {
      const answer = await rawExchange(ui.port, `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
      expect(answer.received, target).toMatch(/^HTTP\/1\.1 400 /);
    }
    // Two Host lines are a 400 (RFC 9112 §3.2), whichever comes first, for the page and the bridge.
    for (const hosts of [[host(), 'evil'], ['evil', host()], [host(), host()]]) {
      const lines = hosts.map((value) => `Host: ${value}\r\n`).join('');
      expect((await rawExchange(ui.port, `GET / HTTP/1.1\r\n${lines}Connection: close\r\n\r\n`)).received, hosts.join(' + ')).toMatch(/^HTTP\/1\.1 400 /);
      const upgrade = `GET /bridge?token=${encodeURIComponent(credentials.token)} HTTP/1.1\r\n${lines}Origin: ${origin()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;
      expect((await rawExchange(ui.port, upgrade)).received, `bridge: ${hosts.join(' + ')}`).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect(ui.process.hasExited(), ui.process.logs()).toBe(false);
  });

  it('survives bad methods, huge and truncated heads, garbage and resets', async () => {
    const corpus: { name: string; bytes: string | Uint8Array; then?: 'fin' | 'rst' | 'wait' }[] = [
      { name: 'unknown method', bytes: `BREW / HTTP/1.1\r\nHost: ${host()}\r\n\r\n` },
      { name: 'POST', bytes: `POST / HTTP/1.1\r\nHost: ${host()}\r\nContent-Length: 3\r\n\r\nabc` },
      { name: 'CONNECT', bytes: `CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: ${host()}\r\n\r\n` },
      { name: 'NUL in method', bytes: `G\0T / HTTP/1.1\r\nHost: ${host()}\r\n\r\n` },
      { name: 'HTTP/0.9', bytes: 'GET /\r\n' },
      { name: 'no Host', bytes: 'GET / HTTP/1.1\r\n\r\n' },
      { name: 'two Hosts', bytes: `GET / HTTP/1.1\r\nHost: ${host()}\r\nHost: evil\r\n\r\n` },
      { name: 'huge header', bytes: `GET / HTTP/1.1\r\nHost: ${host()}\r\nX-Big: ${'a'.repeat(200_000)}\r\n\r\n` },
      { name: 'many headers', bytes: `GET / HTTP/1.1\r\nHost: ${host()}\r\n${Array.from({ length: 5000 }, (_, i) => `X-${i}: v`).join('\r\n')}\r\n\r\n` },
      { name: 'bad Content-Length', bytes: `GET / HTTP/1.1\r\nHost: ${host()}\r\nContent-Length: abc\r\n\r\n` },
      { name: 'bad chunked body', bytes: `GET / HTTP/1.1\r\nHost: ${host()}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n` },
      { name: 'truncated head, FIN', bytes: `GET / HTTP/1.1\r\nHost: ${host()}\r\n`, then: 'fin' },
      { name: 'truncated head, RST', bytes: `GET /index.html HTTP/1.1\r\nHost: ${host()}\r\nX-`, then: 'rst' },
      { name: 'request then RST', bytes: `GET /% HTTP/1.1\r\nHost: ${host()}\r\n\r\n`, then: 'rst' },
      { name: 'garbage', bytes: Uint8Array.from({ length: 4096 }, (_, i) => (i * 151 + 7) & 0xff) },
      { name: 'TLS ClientHello on the plain port', bytes: Uint8Array.of(0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00) },
    ];
    for (const entry of corpus) {
      const answer = await rawExchange(ui.port, entry.bytes, { then: entry.then ?? 'fin', waitMs: 3_000 });
      if (entry.then !== 'rst') expect(answer.received, entry.name).not.toMatch(/^HTTP\/1\.1 2\d\d /);
      expect(ui.process.hasExited(), `${entry.name}\n${ui.process.logs()}`).toBe(false);
    }
  });

  it('refuses bad upgrade requests to the bridge without dying', async () => {
    const upgrade = (target: string, extra: string): string =>
      `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\nOrigin: ${origin()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${extra}\r\n`;
    const key = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';
    const token = encodeURIComponent(credentials.token);
    const cases: { name: string; bytes: string; status: RegExp; then?: 'rst' }[] = [
      { name: 'malformed path', bytes: upgrade('/%', key), status: /^HTTP\/1\.1 400 / },
      { name: 'absolute-form target', bytes: upgrade('http://[/bridge', key), status: /^HTTP\/1\.1 400 / },
      { name: 'malformed token escape', bytes: upgrade('/bridge?token=%', key), status: /^HTTP\/1\.1 403 / },
      { name: 'no key', bytes: upgrade(`/bridge?token=${token}`, 'Sec-WebSocket-Version: 13\r\n'), status: /^HTTP\/1\.1 400 / },
      { name: 'bad version', bytes: upgrade(`/bridge?token=${token}`, 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n'), status: /^HTTP\/1\.1 400 / },
      { name: 'bad key', bytes: upgrade(`/bridge?token=${token}`, 'Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n'), status: /^HTTP\/1\.1 400 / },
      { name: 'wrong token', bytes: upgrade('/bridge?token=nope', key), status: /^HTTP\/1\.1 403 / },
      { name: 'other path', bytes: upgrade('/index.html', key), status: /^HTTP\/1\.1 403 / },
      { name: 'reset mid-upgrade', bytes: upgrade(`/bridge?token=${token}`, key), status: /.*/, then: 'rst' },
    ];
    for (const entry of cases) {
      const answer = await rawExchange(ui.port, entry.bytes, { then: entry.then ?? 'fin', waitMs: 3_000 });
      expect(answer.received, entry.name).toMatch(entry.status);
      expect(ui.process.hasExited(), `${entry.name}\n${ui.process.logs()}`).toBe(false);
    }
  });

  it('answers bad messages on the bridge, and only closes it for broken frames', async () => {
    const headers = { Origin: origin() };
    const target = `/bridge?token=${encodeURIComponent(credentials.token)}`;
    const socket = await openRawWebSocket(ui.port, target, headers);
    for (const json of ['not json', 'null', '[]', '"call"', '{"id":"x"}', '{"type":"call","id":1e300,"command":"listSessions","args":[]}', '['.repeat(100_000) + ']'.repeat(100_000)]) {
      socket.write(callFrame(json));
    }
    socket.write(callFrame('{"type":"call","id":7,"command":"noSuchCommand","args":[]}'));
    socket.write(callFrame('{"type":"call","id":8,"command":"closeSession","args":["x",{"code":99}]}'));
    socket.write(callFrame('{"type":"call","id":9,"command":"openSession","args":[{"url":"http://not-websocket"}]}'));
    socket.write(callFrame('{"type":"call","id":10,"command":"getRecords","args":["no-such-session",0,10]}'));
    socket.write(callFrame('{"type":"call","id":11,"command":"importCapture","args":[{"kind":"content","fileName":"x.json","base64":"e30="}]}'));
    socket.write(callFrame('{"type":"call","id":12,"command":"saveProfile","args":["",{"url":"ws://x/"}]}'));
    socket.write(encodeFrame({ opcode: Opcode.binary, payload: Uint8Array.of(0, 1, 2), maskingKey: mask }));
    socket.write(callFrame('{"type":"call","id":13,"command":"listSessions","args":[]}'));
    // Calls are answered as they finish, not in the order sent: importCapture may answer after id 13.
    const errorIds = [7, 8, 9, 10, 11, 12];
    const answeredIds = (): number[] => errorIds.filter((id) => socket.received().toString('latin1').includes(`"type":"error","id":${id},`));
    await expect.poll(answeredIds, { timeout: 10_000 }).toEqual(errorIds);
    await expect.poll(() => socket.received().toString('latin1'), { timeout: 10_000 }).toContain('"type":"result","id":13,');
    const answered = socket.received().toString('latin1');
    expect(answered).toContain('"field":"1.code"');
    expect(await socket.ended(500)).toBe('open');
    socket.destroy();

    const brokenFrames: { name: string; frame: Uint8Array }[] = [
      { name: 'invalid UTF-8 text', frame: encodeFrame({ opcode: Opcode.text, payload: Uint8Array.of(0xc3, 0x28), maskingKey: mask }) },
      { name: 'unmasked client frame', frame: encodeFrame({ opcode: Opcode.text, payload: text('{}') }) },
      { name: 'reserved opcode', frame: encodeFrame({ opcode: 0x3, payload: text('x'), maskingKey: mask }) },
      { name: 'fragmented ping', frame: encodeFrame({ opcode: Opcode.ping, fin: false, payload: text('x'), maskingKey: mask }) },
      { name: 'declared 600 MiB', frame: encodeFrame({ opcode: Opcode.text, declaredLength: 600 * 1024 * 1024, payload: text('{"type"'), maskingKey: mask }) },
      { name: 'declared 2^63', frame: encodeFrame({ opcode: Opcode.binary, declaredLength: 2n ** 63n, maskingKey: mask }) },
      { name: 'RSV bits', frame: encodeFrame({ opcode: Opcode.text, rsv1: true, rsv3: true, payload: text('{}'), maskingKey: mask }) },
    ];
    for (const entry of brokenFrames) {
      const broken = await openRawWebSocket(ui.port, target, headers);
      broken.write(entry.frame);
      expect(await broken.ended(5_000), entry.name).not.toBe('open');
      broken.destroy();
      expect(ui.process.hasExited(), `${entry.name}\n${ui.process.logs()}`).toBe(false);
    }
  });

  it('still serves its page and the live session after all of it', async () => {
    expect(ui.process.hasExited(), ui.process.logs()).toBe(false);
    const page = await fetch(`${origin()}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(((await call('listSessions', [])).result as { id: string; state: string }[]).find((each) => each.id === sessionId)?.state).toBe('open');
    await call('send', [sessionId, { type: 'text', data: 'still here' }]);
    await expect
      .poll(async () => ((await call('getRecords', [sessionId, 0, 100])).result as { rows: { direction?: string; payloadPreview?: string }[] }).rows.filter((row) => row.payloadPreview === 'still here').map((row) => row.direction), { timeout: 10_000 })
      .toEqual(['out', 'in']);
    // Nothing reached the process guard: every failure above was answered where it happened.
    expect(ui.process.logs()).not.toMatch(/unhandled (exception|rejection)/);
  });
});
