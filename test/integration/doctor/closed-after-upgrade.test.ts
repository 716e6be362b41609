import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import { english } from '../../harness/english.js';

// A `ws` server that accepts the upgrade and ends the connection in the same breath: the handshake
// passed, so the probes that needed the open connection must not say it failed.

describe('the Doctor against a server that closes right after the upgrade', () => {
  let server: WebSocketServer;
  let url: string;
  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('connection', (socket) => socket.close(1011, 'bye'));
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const address = server.address();
    url = `ws://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes the handshake and says the later probes were skipped because the connection closed, not that the handshake failed', async () => {
    const report = await runDoctor(defaultSessionOptions(url), { isIdleProbeEnabled: false });
    expect(report.probes.find((probe) => probe.id === 'handshake')?.status).toBe('pass');
    const ping = report.probes.find((probe) => probe.id === 'ping');
    expect(ping?.status).toBe('skip');
    expect(english(ping!.summary)).toBe('the connection closed right after the handshake');
    for (const probe of report.probes) expect(english(probe.summary)).not.toBe('the handshake failed');
  });
});
