import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dial } from '../../../electron/engine/net/dial.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSilentServer } from '../../harness/silent-server.js';
import { recordingHooks } from './recording-hooks.js';

// On loopback a TCP connect cannot be made to hang, so the timer is tested at the stages after
// it: a server that accepts and never says a word stands in for a dead proxy or TLS endpoint.
describe('connect timeout against a server that accepts and stays silent', () => {
  let silent: RunningPeer;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(async () => {
    await silent.stop();
  });

  it.each([
    ['http-connect', { kind: 'http-connect', host: '127.0.0.1', port: 0 }, ['tcp-connected'], null],
    ['socks5', { kind: 'socks5', host: '127.0.0.1', port: 0, remoteDns: true }, ['tcp-connected', 'socks-step'], 'method'],
    ['socks4a', { kind: 'socks4a', host: '127.0.0.1', port: 0 }, ['tcp-connected', 'socks-step'], 'request'],
  ] as const)('times out in the proxy stage (%s)', async (_kind, proxy, events, unanswered) => {
    const hooks = recordingHooks();
    const startedAt = Date.now();
    const result = await dial({ url: 'ws://target.example.test/', proxy: { ...proxy, port: silent.port }, connectTimeoutMs: 300 }, hooks);
    const elapsedMs = Date.now() - startedAt;
    expect(result).toMatchObject({ ok: false, failure: { stage: 'proxy', code: 'ETIMEDOUT' } });
    expect(elapsedMs).toBeGreaterThanOrEqual(290);
    expect(elapsedMs).toBeLessThan(3_000);
    expect(hooks.names()).toEqual(events);
    // The SOCKS part the silent server never answered is recorded as such.
    if (unanswered !== null) expect(hooks.events[1]).toMatchObject({ name: 'socks-step', step: unanswered, outcome: 'no-answer' });
  });

  it('times out in the TLS stage when the server never answers the hello', async () => {
    const result = await dial({ url: 'wss://api.example.test/', connectTo: { host: '127.0.0.1', port: silent.port }, connectTimeoutMs: 300 }, recordingHooks());
    expect(result).toMatchObject({ ok: false, failure: { stage: 'tls', code: 'ETIMEDOUT', message: 'The TLS handshake with api.example.test did not finish within 300 ms' } });
  });
});
