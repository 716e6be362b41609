import { readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { HttpExchange } from '../../../shared/contract/relay-http-exchange.js';
import { createCertificates } from '../../harness/certificates.js';
import { eventuallyTrue } from '../../harness/eventually.js';
import { startHttpResponder } from '../../harness/http-responder.js';
import { openHttpConnectTunnel } from '../../harness/http-connect-tunnel.js';
import { rawExchange } from '../../harness/raw-exchange.js';
import { useRelayTestBed } from '../../harness/relay-fixture.js';
import { allRecords, frameText, legFrames } from '../../harness/relay-records.js';
import { requirePeer } from '../../harness/require-peer.js';
import { startTlsWsServer } from '../../harness/tls-ws-server.js';
import { startWsServer } from '../../harness/ws-server.js';

const openssl = requirePeer('openssl');

/** Opens a `ws` client over an already-open byte stream and resolves once it is open. */
function wsOver(url: string, stream: () => Duplex): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { createConnection: stream as never, handshakeTimeout: 10_000 });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`answered ${response.statusCode}`)));
  });
}

function nextMessage(socket: WebSocket): Promise<string> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(String(data))));
}

/** An upgrade as a plain client sends it to the relay's own address. */
const upgradeRequest = 'GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

describe('the relay as an HTTP proxy', () => {
  const bed = useRelayTestBed();

  it('CONNECT to a ws:// server: the WebSocket inside the tunnel is relayed and recorded on both legs', async () => {
    const upstream = await bed.track(startWsServer());
    const relay = await bed.startRelay(null);
    const tunnel = await openHttpConnectTunnel({ proxyPort: relay.address.port, targetHost: '127.0.0.1', targetPort: upstream.port });
    expect(tunnel.status).toBe(200);
    const socket = await wsOver(`ws://127.0.0.1:${upstream.port}/inside`, () => tunnel.socket);
    socket.send('through the tunnel');
    expect(await nextMessage(socket)).toBe('through the tunnel');
    const session = relay.sessions[0]!;
    expect(session.upstreamUrl).toBe(`ws://127.0.0.1:${upstream.port}/inside`);
    expect(session.capture.header.relay?.reachedBy).toBe('proxy-connect');
    expect(legFrames(session, 'server', 'out').map(frameText)).toEqual(['through the tunnel']);
    socket.close();
  });

  it('an absolute-form upgrade (GET ws-target as a proxy request) is relayed to its host', async () => {
    const upstream = await bed.track(startWsServer());
    const relay = await bed.startRelay(null);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: relay.address.port });
      socket.once('error', reject);
      socket.once('data', (data: Buffer) => {
        resolve(data.toString('latin1'));
        socket.destroy();
      });
      socket.once('connect', () => socket.write(`GET http://127.0.0.1:${upstream.port}/abs HTTP/1.1\r\nHost: 127.0.0.1:${upstream.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nProxy-Connection: keep-alive\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(answer).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    const session = await relay.nextSession();
    expect([session.upstreamUrl, session.capture.header.relay?.reachedBy]).toEqual([`ws://127.0.0.1:${upstream.port}/abs`, 'proxy-absolute-form']);
    await eventuallyTrue(() => upstream.upgradeRequests().length === 1, 'the upgrade at the server');
    const names = upstream.upgradeRequests()[0]!.rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase());
    expect(names).not.toContain('proxy-connection');
  });

  it('a request that is not a WebSocket passes through, observed as an HTTP exchange with its credentials redacted', async () => {
    const page = await bed.track(startHttpResponder({ status: 200, body: '<p>page</p>', headers: [['Set-Cookie', 'session=s3cret']] }));
    const relay = await bed.startRelay(null);
    const exchanges: HttpExchange[] = [];
    relay.server.onDidObserveHttp((exchange) => exchanges.push(exchange));
    const request = `GET http://127.0.0.1:${page.port}/index.html?token=abc123&page=2 HTTP/1.1\r\nHost: 127.0.0.1:${page.port}\r\nCookie: id=s3cret\r\nProxy-Connection: keep-alive\r\n\r\n`;
    const { received: answer, end } = await rawExchange(relay.address.port, request, { waitMs: 10_000 });
    expect(end).toBe('closed');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer).toContain('<p>page</p>');
    expect(answer).toContain('session=s3cret');
    expect(relay.sessions).toHaveLength(0);
    await eventuallyTrue(() => exchanges.some((exchange) => exchange.end.kind !== 'open'), 'the exchange to finish');
    const [started, finished] = exchanges;
    expect(started?.end).toEqual({ kind: 'open' });
    expect(finished).toMatchObject({ exchangeId: 1, method: 'GET', url: `http://127.0.0.1:${page.port}/index.html?token=******&page=2`, end: { kind: 'completed' } });
    expect(finished?.requestHeaders).toContainEqual(['Cookie', '*********']);
    expect(finished?.response).toMatchObject({ statusCode: 200, reason: 'OK', body: { byteLength: 11, isTruncated: false, isComplete: true } });
    expect(finished?.response?.headers).toContainEqual(['Set-Cookie', '**************']);
    expect(Buffer.from(finished!.response!.body.start, 'base64').toString()).toBe('<p>page</p>');
    expect(JSON.stringify(exchanges)).not.toContain('s3cret');
  });

  it('a body far past the kept start goes through whole and is counted, only its first 4 KiB kept', async () => {
    const body = 'x'.repeat(3 * 1024 * 1024 - 1) + 'y';
    const big = await bed.track(startHttpResponder({ status: 200, body }));
    const relay = await bed.startRelay(null);
    const exchanges: HttpExchange[] = [];
    relay.server.onDidObserveHttp((exchange) => exchanges.push(exchange));
    const { received: answer } = await rawExchange(relay.address.port, `GET http://127.0.0.1:${big.port}/big HTTP/1.1\r\nHost: 127.0.0.1:${big.port}\r\n\r\n`, { waitMs: 20_000 });
    expect(answer.slice(answer.indexOf('\r\n\r\n') + 4)).toBe(body);
    await eventuallyTrue(() => exchanges.some((exchange) => exchange.end.kind !== 'open'), 'the exchange to finish');
    const seen = exchanges.at(-1)!.response!.body;
    expect(seen).toMatchObject({ byteLength: body.length, isTruncated: true, isComplete: true });
    expect(Buffer.from(seen.start, 'base64').toString()).toBe('x'.repeat(4096));
  });

  it('a request that is not a WebSocket to a host nobody answers: 502, and the exchange says the upstream failed and where', async () => {
    const relay = await bed.startRelay(null);
    const exchanges: HttpExchange[] = [];
    relay.server.onDidObserveHttp((exchange) => exchanges.push(exchange));
    const { received: answer } = await rawExchange(relay.address.port, 'GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n', { waitMs: 10_000 });
    expect(answer).toMatch(/^HTTP\/1\.1 502 Bad Gateway/);
    await eventuallyTrue(() => exchanges.some((exchange) => exchange.end.kind !== 'open'), 'the exchange to finish');
    expect(exchanges.at(-1)).toMatchObject({ response: null, end: { kind: 'upstream-failed', stage: 'tcp' } });
  });

  it('a server that refuses the upgrade: the client gets the server\'s own answer, byte for byte', async () => {
    const refusing = await bed.track(startHttpResponder({ status: 403, body: 'no websockets for you' }));
    const relay = await bed.startRelay(`ws://127.0.0.1:${refusing.port}/`);
    const { received: answer, end } = await rawExchange(relay.address.port, upgradeRequest, { waitMs: 10_000 });
    expect(end).toBe('closed');
    expect(answer).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n[\s\S]*\r\n\r\nno websockets for you$/);
    const session = relay.sessions[0]!;
    await session.ended;
    const handshakes = allRecords(session).filter((record) => record.kind === 'handshake');
    expect(handshakes.map((record) => [record.kind === 'handshake' && record.leg, record.kind === 'handshake' && record.response?.statusCode])).toEqual([['server', 403], ['client', 403]]);
  });

  it('no server to reach: 502 with the reason', async () => {
    const relay = await bed.startRelay('ws://127.0.0.1:1/');
    const { received: answer, end } = await rawExchange(relay.address.port, upgradeRequest, { waitMs: 10_000 });
    expect(end).toBe('closed');
    expect(answer).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n[\s\S]*Frameline relay: the server could not be reached: /);
  });

  describe.skipIf(!openssl.isAvailable)('wss through the proxy', () => {
    it('CONNECT with TLS inside: the relay terminates it with a leaf from its local CA (key 0600), dials the real wss server and relays', async () => {
      const certificates = await createCertificates();
      await bed.track({ stop: () => certificates.remove() });
      const upstream = await bed.track(startTlsWsServer({ certificates }));
      const relay = await bed.startRelay(null, { connection: { tls: { caFile: certificates.caCert, insecure: false } } });
      const created: string[] = [];
      relay.server.onDidCreateCa((info) => created.push(info.certificatePath));
      const tunnel = await openHttpConnectTunnel({ proxyPort: relay.address.port, targetHost: 'localhost', targetPort: upstream.port });
      const authority = await relay.server.certificateAuthority();
      const socket = await wsOver(`wss://localhost:${upstream.port}/secure`, () => tlsConnect({ socket: tunnel.socket, servername: 'localhost', ca: readFileSync(authority.info.certificatePath), ALPNProtocols: ['http/1.1'] }));
      socket.send('secret through the relay');
      expect(await nextMessage(socket)).toBe('secret through the relay');
      const session = relay.sessions[0]!;
      expect(session.upstreamUrl).toBe(`wss://localhost:${upstream.port}/secure`);
      expect(session.capture.header.relay).toMatchObject({ reachedBy: 'proxy-connect', clientTlsServername: 'localhost' });
      expect(session.capture.header.tls?.isAuthorized).toBe(true);
      expect(legFrames(session, 'client', 'out').map(frameText)).toEqual(['secret through the relay']);
      expect(created).toEqual([authority.info.certificatePath]);
      expect(statSync(authority.info.certificatePath.replace(/\.pem$/, '-key.pem')).mode & 0o777).toBe(0o600);
      socket.close();
    });
  });
});
