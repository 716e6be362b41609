import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { english } from '../../harness/english.js';
import { startMosquitto } from '../../harness/mosquitto.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSocketIoServer } from '../../harness/socket-io-server.js';

// The liveness probe with application heartbeats (issue 18 after issue 13): the npm socket.io 4
// server's Engine.IO pings, and mosquitto's (Debian) MQTT Keep Alive over its websockets listener.

const mosquitto = requirePeer('mosquitto');

const peers: RunningPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

describe('the liveness probe with Socket.IO', () => {
  it('measures the Engine.IO ping, and the server drops the client that stops answering it (ping timeout) while the answering one stays', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs: 300, pingTimeoutMs: 200 });
    peers.push(server);
    const report = await runDoctor(defaultSessionOptions(server.url), { isIdleProbeEnabled: false, isLivenessProbeEnabled: true, livenessLimitMs: 8_000 });
    const liveness = report.liveness!;
    const probe = report.probes.find((each) => each.id === 'liveness')!;
    expect(probe.status, english(probe.summary)).toBe('pass');
    expect(liveness).toMatchObject({ protocol: 'socket.io', outcome: 'dropped' });
    expect(liveness.protocolHeartbeatsSeen).toBeGreaterThanOrEqual(2);
    expect(liveness.pingIntervalMs).toBeGreaterThanOrEqual(250);
    expect(liveness.pingIntervalMs).toBeLessThanOrEqual(1_000);
    expect(liveness.closedAfterUnansweredMs).toBeGreaterThanOrEqual(150);
    expect(liveness.closedAfterUnansweredMs).toBeLessThanOrEqual(2_000);
    expect(english(probe.summary)).toMatch(/^Socket\.IO: the server sends a heartbeat every [\d.]+ s and dropped a client that stopped answering/);
    expect(probe.evidence.length).toBeGreaterThan(0);
    expect(report.causes.map((cause) => cause.id)).toEqual([]);
    // Both probe connections joined `/`; only the one whose duties were off timed out.
    const events = server.events();
    expect(events.filter((event) => event.kind === 'connect' && event.namespace === '/')).toHaveLength(2);
    const disconnects = events.filter((event) => event.kind === 'disconnect');
    expect(disconnects[0]?.detail).toBe('ping timeout');
    expect(disconnects.slice(1).map((event) => event.detail)).not.toContain('ping timeout');
  });
});

describe.skipIf(!mosquitto.isAvailable)('the liveness probe with MQTT against mosquitto', () => {
  it('Keep Alive 1 s: the broker drops the client whose PINGREQs stop, seconds after its CONNECT; the one sending them stays', async () => {
    const broker = await startMosquitto();
    peers.push(broker);
    const options = { ...defaultSessionOptions(broker.url), subprotocols: ['mqtt'] };
    const report = await runDoctor(options, { isIdleProbeEnabled: false, isLivenessProbeEnabled: true, livenessLimitMs: 10_000, livenessProtocol: { keepAliveSeconds: 1 } });
    const liveness = report.liveness!;
    const probe = report.probes.find((each) => each.id === 'liveness')!;
    expect(probe.status, english(probe.summary)).toBe('pass');
    expect(liveness).toMatchObject({ protocol: 'mqtt', outcome: 'dropped', protocolHeartbeatsSeen: 0, closeCode: null });
    expect(liveness.closedAfterLastSentMs).toBeGreaterThanOrEqual(1_000);
    // mosquitto 2.0.11 checks Keep Alive coarsely over websockets: its own log shows 4–5 s for k1 here.
    expect(liveness.closedAfterLastSentMs).toBeLessThanOrEqual(8_000);
    expect(english(probe.summary)).toMatch(/^MQTT: the server dropped a client whose heartbeats stopped [\d.]+ s after its last message/);
    expect(report.causes.map((cause) => cause.id)).toEqual([]);
    expect(broker.logs()).toMatch(/Received PINGREQ from frameline-liveness-answering-/);
    expect(broker.logs()).not.toMatch(/Received PINGREQ from frameline-liveness-silent-/);
  });

  it('Keep Alive 0: the broker keeps a client that never speaks again, reported as a leak with the MQTT fix', async () => {
    const broker = await startMosquitto();
    peers.push(broker);
    const options = { ...defaultSessionOptions(broker.url), subprotocols: ['mqtt'] };
    const report = await runDoctor(options, { isIdleProbeEnabled: false, isLivenessProbeEnabled: true, livenessLimitMs: 3_000, livenessProtocol: { keepAliveSeconds: 0 } });
    expect(report.liveness).toMatchObject({ protocol: 'mqtt', outcome: 'kept', closedAfterOpenMs: null, limitSeconds: 3 });
    const probe = report.probes.find((each) => each.id === 'liveness')!;
    expect([probe.status, english(probe.summary)]).toEqual(['fail', 'MQTT: a client whose heartbeats and answers stopped was still connected after 3 s: a dead client would leak its session']);
    const cause = report.causes.find((each) => each.id === 'no-server-heartbeat')!;
    expect(cause.fix.steps.map((step) => step.target)).toContain('mqtt');
    expect(broker.logs()).toMatch(/New client connected from .* as frameline-liveness-silent-\d+ .*k0/);
  });
});
