import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dial } from '../../../electron/engine/net/dial.js';
import { listenOnLoopback, type LoopbackServer } from '../../harness/loopback-server.js';
import { recordingHooks } from './recording-hooks.js';

// squid never sends tunnel bytes in the same packet as its 200, so this edge is checked against a
// scripted responder: what it received is the exact CONNECT request, and the bytes after its head
// must reach the caller, not vanish with the head.
describe('CONNECT request bytes and bytes after the response head', () => {
  let proxy: LoopbackServer;
  const requests: string[] = [];
  beforeAll(async () => {
    proxy = await listenOnLoopback(
      createServer((socket) => {
        socket.once('data', (chunk: Buffer) => {
          requests.push(chunk.toString('latin1'));
          socket.write('HTTP/1.1 200 Connection established\r\nVia: scripted\r\n\r\nEARLY BYTES');
        });
        socket.on('error', () => undefined);
      }),
    );
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('sends CONNECT with Host and Basic credentials and keeps the early bytes', async () => {
    const hooks = recordingHooks();
    const result = await dial(
      { url: 'ws://[::1]:9000/', proxy: { kind: 'http-connect', host: '127.0.0.1', port: proxy.port, username: 'alice', password: 'secret' }, connectTimeoutMs: 5_000 },
      hooks,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(requests.at(-1)).toBe('CONNECT [::1]:9000 HTTP/1.1\r\nHost: [::1]:9000\r\nProxy-Authorization: Basic YWxpY2U6c2VjcmV0\r\n\r\n');
    expect(hooks.names()).toEqual(['tcp-connected', 'proxy-tunnel-established']);
    expect(hooks.events[1]).toMatchObject({ proxyKind: 'http-connect', target: '[::1]:9000', statusLine: 'HTTP/1.1 200 Connection established', proxyPort: proxy.port });
    const early = await new Promise<string>((resolve) => result.socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
    expect(early).toBe('EARLY BYTES');
    result.socket.destroy();
  });
});
