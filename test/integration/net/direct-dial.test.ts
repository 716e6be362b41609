import { type Server, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dial } from '../../../electron/engine/net/dial.js';
import { freePort } from '../../harness/free-port.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { recordingHooks, upgradeStatusLine } from './recording-hooks.js';

describe('dial without proxy against the ws server', () => {
  let server: WsServerPeer;
  beforeAll(async () => {
    server = await startWsServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('connects by IP with only a tcp-connected event and a socket ready for the upgrade', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://127.0.0.1:${server.port}/`, connectTimeoutMs: 5_000 }, hooks);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(hooks.names()).toEqual(['tcp-connected']);
    expect(hooks.events[0]).toMatchObject({ peer: 'server', remoteAddress: '127.0.0.1', remotePort: server.port, localAddress: '127.0.0.1' });
    expect(result.remote).toEqual({ address: '127.0.0.1', port: server.port });
    expect(result.tls).toBeUndefined();
    expect(await upgradeStatusLine(result.socket, `127.0.0.1:${server.port}`)).toBe('HTTP/1.1 101 Switching Protocols');
    result.socket.destroy();
  });

  it('resolves a name first and records the lookup', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://localhost:${server.port}/`, connectTimeoutMs: 5_000, family: 4 }, hooks);
    expect(result.ok).toBe(true);
    if (result.ok) result.socket.destroy();
    expect(hooks.names()).toEqual(['dns', 'tcp-connected']);
    expect(hooks.events[0]).toMatchObject({ name: 'dns', host: 'localhost', addresses: ['127.0.0.1'] });
  });

  it('dials the connect-to address while the URL names another host', async () => {
    const hooks = recordingHooks();
    const result = await dial({ url: 'ws://api.example.test/', connectTo: { host: '127.0.0.1', port: server.port }, connectTimeoutMs: 5_000 }, hooks);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(hooks.names()).toEqual(['tcp-connected']);
    expect(await upgradeStatusLine(result.socket, 'api.example.test')).toBe('HTTP/1.1 101 Switching Protocols');
    result.socket.destroy();
  });
});

describe('dial failures on loopback', () => {
  it('says nothing listens on a refused port', async () => {
    const port = await freePort();
    const result = await dial({ url: `ws://127.0.0.1:${port}/`, connectTimeoutMs: 5_000 }, recordingHooks());
    expect(result).toEqual({
      ok: false,
      failure: expect.objectContaining({ stage: 'tcp', code: 'ECONNREFUSED', message: `Connection refused: nothing listens on 127.0.0.1:${port}` }),
    });
  });

  it('reports a name that does not resolve (.invalid never does)', async () => {
    const result = await dial({ url: 'ws://frameline-test.invalid/', connectTimeoutMs: 5_000 }, recordingHooks());
    expect(result).toMatchObject({ ok: false, failure: { stage: 'dns' } });
  });
});

describe('IPv6 literal URLs', () => {
  let server: Server;
  let port = 0;
  let hasIpv6 = true;
  beforeAll(async () => {
    server = createServer((socket) => socket.end('hello over v6'));
    await new Promise<void>((resolve) => {
      server.once('error', () => {
        hasIpv6 = false;
        resolve();
      });
      server.listen(0, '::1', () => resolve());
    });
    const address = server.address();
    if (typeof address === 'object' && address !== null) port = address.port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('dials [::1] without brackets reaching the socket layer', async (context) => {
    if (!hasIpv6) context.skip('no IPv6 loopback on this machine');
    const hooks = recordingHooks();
    const result = await dial({ url: `ws://[::1]:${port}/`, connectTimeoutMs: 5_000 }, hooks);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.remote).toEqual({ address: '::1', port });
    expect(hooks.names()).toEqual(['tcp-connected']);
    const data = await new Promise<string>((resolve) => result.socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    expect(data).toBe('hello over v6');
    result.socket.destroy();
  });
});

