import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/engine/session/session.js';
import type { ProxyOptions } from '../../../shared/contract/session-options.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { startMicrosocks } from '../../harness/microsocks.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSquid as startSquidPeer, type SquidOptions } from '../../harness/squid.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { dispose, eventRecords, frameRecords, handshakeRecord, lastRecord, startSession, text, waitForEnd, waitForFrames } from './session-records.js';

const squid = requirePeer('squid');
const squidAuth = requirePeer('squid-basic-auth');
const microsocks = requirePeer('microsocks');
const auth = { username: 'frameline', password: 's3cret pass' };

/** Starts squid and registers it so afterEach stops it even when the test fails. */
async function startSquid(options: SquidOptions = {}): Promise<RunningPeer> {
  proxy = await startSquidPeer(options);
  return proxy;
}

let upstream: WsServerPeer;
let proxy: RunningPeer | undefined;
let session: Session | undefined;
beforeAll(async () => {
  upstream = await startWsServer();
});
afterAll(async () => {
  await upstream?.stop();
});
afterEach(async () => {
  dispose(session);
  session = undefined;
  await proxy?.stop();
  proxy = undefined;
});

/** Opens a session to the ws server through `via`, sends one message and closes normally. */
async function echoThrough(via: ProxyOptions): Promise<Session> {
  const current = await startSession({ url: upstream.url, proxy: via });
  session = current;
  expect(current.state, JSON.stringify(eventRecords(current, 'error'))).toBe('open');
  current.send({ type: 'text', data: 'through the proxy' });
  const [echo] = await waitForFrames(current, 'in', 1);
  expect(echo).toMatchObject({ opcode: Opcode.text, violations: [] });
  expect(text(echo!.payload)).toBe('through the proxy');
  current.close(1000);
  expect(await waitForEnd(current)).toMatchObject({ by: 'client', how: 'close-frame', closeCode: 1000 });
  expect(handshakeRecord(current).response?.statusCode).toBe(101);
  return current;
}

/** The tunnel event, with the tcp-connected to the proxy before it. */
function expectTunnel(current: Session, proxyKind: string, proxyPort: number): void {
  const connected = eventRecords(current, 'tcp-connected');
  expect(connected[0]).toMatchObject({ peer: 'proxy', remoteAddress: '127.0.0.1', remotePort: proxyPort });
  const [tunnel] = eventRecords(current, 'proxy-tunnel-established');
  expect(tunnel).toMatchObject({ proxyKind, proxyAddress: '127.0.0.1', proxyPort, target: `127.0.0.1:${upstream.port}` });
  expect(tunnel!.seq).toBeLessThan(handshakeRecord(current).seq);
}

/** The session failed at the proxy stage before any handshake was sent. */
async function expectProxyFailure(via: ProxyOptions, proxyPort: number, message: RegExp): Promise<void> {
  const current = await startSession({ url: upstream.url, proxy: via });
  session = current;
  const closed = await waitForEnd(current);
  const [error] = eventRecords(current, 'error');
  expect(error).toMatchObject({ stage: 'proxy', message: expect.stringMatching(message), hint: expect.any(String) });
  expect(error!.message).toContain(`127.0.0.1:${proxyPort}`);
  expect(eventRecords(current, 'proxy-tunnel-established')).toEqual([]);
  expect(eventRecords(current, 'handshake-sent')).toEqual([]);
  expect(frameRecords(current)).toEqual([]);
  expect(closed.how).toBe('error');
  expect(lastRecord(current)).toMatchObject({ kind: 'event', name: 'closed', how: 'error' });
}

describe.skipIf(!squid.isAvailable)('session through squid (HTTP CONNECT)', () => {
  it('tunnels to the ws server and records the tunnel before the handshake', async () => {
    const started = await startSquid();
    proxy = started;
    const current = await echoThrough({ kind: 'http-connect', host: '127.0.0.1', port: started.port });
    expectTunnel(current, 'http-connect', started.port);
    expect(eventRecords(current, 'proxy-tunnel-established')[0]!['statusLine']).toMatch(/^HTTP\/1\.[01] 200/);
  });

  describe.runIf(squidAuth.isAvailable)('with basic auth', () => {
    it('without credentials: a proxy-stage error naming the proxy and its 407', async () => {
      const started = await startSquid({ auth });
      proxy = started;
      await expectProxyFailure({ kind: 'http-connect', host: '127.0.0.1', port: started.port }, started.port, /HTTP proxy 127\.0\.0\.1:\d+ requires authentication: HTTP\/1\.[01] 407/);
      expect(eventRecords(session!, 'error')[0]).toMatchObject({ code: 'HTTP_407', hint: expect.stringMatching(/user name and password/) });
    });

    it('with wrong credentials: the proxy rejected them', async () => {
      const started = await startSquid({ auth });
      proxy = started;
      await expectProxyFailure({ kind: 'http-connect', host: '127.0.0.1', port: started.port, ...auth, password: 'wrong' }, started.port, /rejected the credentials sent: HTTP\/1\.[01] 407/);
    });

    it('with the right credentials: tunnels and echoes', async () => {
      const started = await startSquid({ auth });
      proxy = started;
      const current = await echoThrough({ kind: 'http-connect', host: '127.0.0.1', port: started.port, ...auth });
      expectTunnel(current, 'http-connect', started.port);
    });
  });
});

describe.skipIf(!microsocks.isAvailable)('session through microsocks (SOCKS5)', () => {
  it('tunnels without auth', async () => {
    const started = await startMicrosocks();
    proxy = started;
    const current = await echoThrough({ kind: 'socks5', host: '127.0.0.1', port: started.port, remoteDns: true });
    expectTunnel(current, 'socks5', started.port);
  });

  it('tunnels with username and password', async () => {
    const started = await startMicrosocks({ auth });
    proxy = started;
    const current = await echoThrough({ kind: 'socks5', host: '127.0.0.1', port: started.port, remoteDns: true, ...auth });
    expectTunnel(current, 'socks5', started.port);
  });

  it('fails at the proxy stage when the proxy needs a password and none is given', async () => {
    const started = await startMicrosocks({ auth });
    proxy = started;
    await expectProxyFailure({ kind: 'socks5', host: '127.0.0.1', port: started.port, remoteDns: true }, started.port, /SOCKS5 proxy 127\.0\.0\.1:\d+/);
  });

  it('fails at the proxy stage with a wrong password', async () => {
    const started = await startMicrosocks({ auth });
    proxy = started;
    await expectProxyFailure({ kind: 'socks5', host: '127.0.0.1', port: started.port, remoteDns: true, ...auth, password: 'wrong' }, started.port, /SOCKS5 proxy 127\.0\.0\.1:\d+/);
  });
});
