import type { Socket } from 'node:net';
import { SocksClient } from 'socks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHttpConnectTunnel } from '../../harness/http-connect-tunnel.js';
import { startMicrosocks } from '../../harness/microsocks.js';
import { requirePeer } from '../../harness/require-peer.js';
import { startSquid } from '../../harness/squid.js';
import { connectWs } from '../../harness/ws-client.js';
import { startWsServer } from '../../harness/ws-server.js';
import type { WsServerPeer } from '../../harness/ws-server.js';

const squid = requirePeer('squid');
const squidAuth = requirePeer('squid-basic-auth');
const microsocks = requirePeer('microsocks');
const auth = { username: 'frameline', password: 's3cret pass' };

let upstream: WsServerPeer;
beforeAll(async () => {
  upstream = await startWsServer();
});
afterAll(async () => {
  await upstream?.stop();
});

/** Proves the tunnel carries a WebSocket: handshake through it, then one echo. */
async function echoThrough(socket: Socket): Promise<string> {
  const client = await connectWs(upstream.url, { createConnection: () => socket });
  client.socket.send('through the proxy');
  const [echo] = await client.nextMessages();
  client.socket.close();
  return echo?.data.toString() ?? '';
}

describe.skipIf(!squid.isAvailable)('squid CONNECT proxy', () => {
  it('tunnels a WebSocket to a loopback port', async () => {
    const proxy = await startSquid();
    try {
      const tunnel = await openHttpConnectTunnel({ proxyPort: proxy.port, targetHost: '127.0.0.1', targetPort: upstream.port });
      expect(tunnel.status).toBe(200);
      expect(await echoThrough(tunnel.socket)).toBe('through the proxy');
    } finally {
      await proxy.stop();
    }
  });

  it.runIf(squidAuth.isAvailable)('asks for credentials (407) and accepts the right ones', async () => {
    const proxy = await startSquid({ auth });
    try {
      const refused = await openHttpConnectTunnel({ proxyPort: proxy.port, targetHost: '127.0.0.1', targetPort: upstream.port });
      expect(refused.status).toBe(407);
      refused.socket.destroy();
      const wrong = await openHttpConnectTunnel({
        proxyPort: proxy.port, targetHost: '127.0.0.1', targetPort: upstream.port, auth: { ...auth, password: 'wrong' },
      });
      expect(wrong.status).toBe(407);
      wrong.socket.destroy();
      const tunnel = await openHttpConnectTunnel({ proxyPort: proxy.port, targetHost: '127.0.0.1', targetPort: upstream.port, auth });
      expect(tunnel.status, proxy.logs()).toBe(200);
      expect(await echoThrough(tunnel.socket)).toBe('through the proxy');
    } finally {
      await proxy.stop();
    }
  });
});

describe.skipIf(!microsocks.isAvailable)('microsocks SOCKS5 proxy', () => {
  it('tunnels a WebSocket without auth', async () => {
    const proxy = await startMicrosocks();
    try {
      const { socket } = await SocksClient.createConnection({
        proxy: { host: proxy.host, port: proxy.port, type: 5 },
        command: 'connect',
        destination: { host: '127.0.0.1', port: upstream.port },
        timeout: 5_000,
      });
      expect(await echoThrough(socket)).toBe('through the proxy');
    } finally {
      await proxy.stop();
    }
  });

  it('requires username and password when configured', async () => {
    const proxy = await startMicrosocks({ auth });
    try {
      const base = { command: 'connect' as const, destination: { host: '127.0.0.1', port: upstream.port }, timeout: 5_000 };
      await expect(SocksClient.createConnection({ ...base, proxy: { host: proxy.host, port: proxy.port, type: 5 } })).rejects.toThrow();
      const { socket } = await SocksClient.createConnection({
        ...base,
        proxy: { host: proxy.host, port: proxy.port, type: 5, userId: auth.username, password: auth.password },
      });
      expect(await echoThrough(socket)).toBe('through the proxy');
    } finally {
      await proxy.stop();
    }
  });
});
