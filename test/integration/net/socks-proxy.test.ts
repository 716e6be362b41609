import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dial } from '../../../electron/engine/net/dial.js';
import type { Socks5Proxy } from '../../../electron/engine/net/dial-options.js';
import { startMicrosocks } from '../../harness/microsocks.js';
import { freePort } from '../../harness/free-port.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { recordingHooks, upgradeStatusLine } from './recording-hooks.js';

const microsocksPeer = requirePeer('microsocks');

describe.skipIf(!microsocksPeer.isAvailable)('SOCKS5 through microsocks', () => {
  let open: RunningPeer;
  let guarded: RunningPeer;
  let server: WsServerPeer;
  beforeAll(async () => {
    [open, guarded, server] = await Promise.all([
      startMicrosocks(),
      startMicrosocks({ auth: { username: 'frameline', password: 'socks-secret' } }),
      startWsServer(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([open?.stop(), guarded?.stop(), server?.stop()]);
  });

  const socks = (peer: RunningPeer, extra: Partial<Socks5Proxy> = {}): Socks5Proxy => ({ kind: 'socks5', host: '127.0.0.1', port: peer.port, remoteDns: true, ...extra });

  it('tunnels to the ws server with the proxy resolving, and records the hop', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://localhost:${server.port}/`, connectTo: { host: '127.0.0.1', port: server.port }, proxy: socks(open), connectTimeoutMs: 10_000 }, hooks);
    expect(result.ok, open.logs()).toBe(true);
    if (!result.ok) return;
    expect(hooks.names()).toEqual(['tcp-connected', 'socks-step', 'socks-step', 'proxy-tunnel-established']);
    // RFC 1928 §3: no credentials, so only 0x00 is offered; microsocks without -u/-P chooses it.
    expect(hooks.events[1]).toMatchObject({ step: 'method', outcome: 'ok', offeredMethods: [0x00], chosenMethod: 0x00, message: 'offered 0x00 (no authentication required); the proxy chose 0x00 (no authentication required)' });
    expect(hooks.events[2]).toMatchObject({ step: 'request', outcome: 'ok', reply: 0x00, target: `127.0.0.1:${server.port}`, resolution: 'address' });
    expect(hooks.events[3]).toMatchObject({ proxyKind: 'socks5', proxyPort: open.port, target: `127.0.0.1:${server.port}`, statusLine: 'SOCKS5 reply 0x00 (succeeded)' });
    expect(await upgradeStatusLine(result.socket, 'localhost')).toBe('HTTP/1.1 101 Switching Protocols');
    result.socket.destroy();
  });

  it('sends a name for the proxy to resolve without a local dns event', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://localhost:${server.port}/`, proxy: socks(open), connectTimeoutMs: 10_000 }, hooks);
    expect(result.ok, open.logs()).toBe(true);
    if (result.ok) result.socket.destroy();
    expect(hooks.names()).toEqual(['tcp-connected', 'socks-step', 'socks-step', 'proxy-tunnel-established']);
    expect(hooks.events[2]).toMatchObject({ step: 'request', resolution: 'remote', message: expect.stringContaining(`CONNECT localhost:${server.port} (remote DNS, socks5h: the proxy resolves the name): reply 0x00 (succeeded), bound address `) });
    expect(hooks.events[3]).toMatchObject({ target: `localhost:${server.port}` });
  });

  it('resolves locally when remote DNS is off and sends the address', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://localhost:${server.port}/`, family: 4, proxy: socks(open, { remoteDns: false }), connectTimeoutMs: 10_000 }, hooks);
    expect(result.ok, open.logs()).toBe(true);
    if (result.ok) result.socket.destroy();
    expect(hooks.names()).toEqual(['tcp-connected', 'dns', 'socks-step', 'socks-step', 'proxy-tunnel-established']);
    expect(hooks.events[1]).toMatchObject({ peer: 'server', host: 'localhost', addresses: ['127.0.0.1'] });
    expect(hooks.events[3]).toMatchObject({ step: 'request', resolution: 'local', resolvedName: 'localhost', message: expect.stringContaining(`CONNECT 127.0.0.1:${server.port} (local DNS, socks5: localhost resolved here)`) });
    expect(hooks.events[4]).toMatchObject({ target: `127.0.0.1:${server.port}` });
  });

  it('an IPv6 target goes as ATYP 0x04 and the tunnel carries its bytes', async (context) => {
    const v6 = createServer((socket) => socket.end('hello over v6'));
    const isListening = await new Promise<boolean>((resolve) => {
      v6.once('error', () => resolve(false));
      v6.listen(0, '::1', () => resolve(true));
    });
    if (!isListening) context.skip('no IPv6 loopback on this machine');
    try {
      const port = (v6.address() as AddressInfo).port;
      const hooks = recordingHooks();
      const result = await dial({ url: `ws://[::1]:${port}/`, proxy: socks(open), connectTimeoutMs: 10_000 }, hooks);
      expect(result.ok, open.logs()).toBe(true);
      if (!result.ok) return;
      expect(hooks.events[2]).toMatchObject({ step: 'request', outcome: 'ok', target: `[::1]:${port}`, resolution: 'address', reply: 0x00 });
      const data = await new Promise<string>((resolve) => result.socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      expect(data).toBe('hello over v6');
      result.socket.destroy();
    } finally {
      await new Promise<void>((resolve) => v6.close(() => resolve()));
    }
  });

  it('names the SOCKS reply when the target refuses', async () => {
    const port = await freePort();
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://127.0.0.1:${port}/`, proxy: socks(open), connectTimeoutMs: 10_000 }, hooks);
    expect(result).toMatchObject({ ok: false, failure: { stage: 'proxy', code: 'SOCKS5_0x05', message: `The SOCKS5 proxy 127.0.0.1:${open.port} could not connect to 127.0.0.1:${port}: connection refused by the target (reply 0x05)` } });
    expect(hooks.events.at(-1)).toMatchObject({ name: 'socks-step', step: 'request', outcome: 'refused', reply: 0x05, message: `CONNECT 127.0.0.1:${port} (an address: nothing to resolve): reply 0x05 (connection refused by the target)` });
  });

  it('authenticates with a user name and password', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://127.0.0.1:${server.port}/`, proxy: socks(guarded, { username: 'frameline', password: 'socks-secret' }), connectTimeoutMs: 10_000 }, hooks);
    expect(result.ok, guarded.logs()).toBe(true);
    if (!result.ok) return;
    expect(hooks.names()).toEqual(['tcp-connected', 'socks-step', 'socks-step', 'socks-step', 'proxy-tunnel-established']);
    expect(hooks.events.slice(1, 4)).toMatchObject([
      { step: 'method', outcome: 'ok', offeredMethods: [0x00, 0x02], chosenMethod: 0x02 },
      { step: 'auth', outcome: 'ok', authStatus: 0x00, message: 'sent the user name and password; accepted (status 0x00)' },
      { step: 'request', outcome: 'ok', reply: 0x00 },
    ]);
    expect(JSON.stringify(hooks.events)).not.toContain('socks-secret');
    expect(await upgradeStatusLine(result.socket, `127.0.0.1:${server.port}`)).toBe('HTTP/1.1 101 Switching Protocols');
    result.socket.destroy();
  });

  it('says credentials are needed when none are given', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://127.0.0.1:${server.port}/`, proxy: socks(guarded), connectTimeoutMs: 10_000 }, hooks);
    expect(result).toMatchObject({ ok: false, failure: { stage: 'proxy', code: 'SOCKS5_AUTH', hint: expect.stringContaining("set the proxy's user name and password") } });
    // microsocks with -u/-P accepts only username/password; offered 0x00 alone, it answers 0xFF (RFC 1928 §3).
    expect(hooks.names()).toEqual(['tcp-connected', 'socks-step']);
    expect(hooks.events[1]).toMatchObject({ step: 'method', outcome: 'refused', offeredMethods: [0x00], chosenMethod: 0xff, message: 'offered 0x00 (no authentication required); the proxy accepts none of them: 0xff (no acceptable methods)' });
  });

  it('says the password was rejected', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://127.0.0.1:${server.port}/`, proxy: socks(guarded, { username: 'frameline', password: 'wrong' }), connectTimeoutMs: 10_000 }, hooks);
    expect(result).toMatchObject({ ok: false, failure: { stage: 'proxy', code: 'SOCKS5_AUTH', message: `The SOCKS5 proxy 127.0.0.1:${guarded.port} rejected the user name and password` } });
    expect(hooks.names()).toEqual(['tcp-connected', 'socks-step', 'socks-step']);
    expect(hooks.events[1]).toMatchObject({ step: 'method', outcome: 'ok', chosenMethod: 0x02 });
    expect(hooks.events[2]).toMatchObject({ step: 'auth', outcome: 'refused' });
    expect((hooks.events[2] as { authStatus?: number }).authStatus).not.toBe(0x00);
    expect(JSON.stringify(hooks.events)).not.toContain('wrong');
  });

  it('takes a socks5h:// proxy from ALL_PROXY', async () => {
    const hooks = recordingHooks({ ALL_PROXY: `socks5h://127.0.0.1:${open.port}` });
    const result = await dial({ url: `ws://127.0.0.1:${server.port}/`, proxy: { kind: 'environment' }, connectTimeoutMs: 10_000 }, hooks);
    expect(result.ok).toBe(true);
    if (result.ok) result.socket.destroy();
    expect(hooks.names()).toEqual(['note', 'tcp-connected', 'socks-step', 'socks-step', 'proxy-tunnel-established']);
  });
});

