import { afterAll, describe, expect, it } from 'vitest';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import { startHeartbeatWsServer } from '../../harness/heartbeat-ws-server.js';
import { startWsServer } from '../../harness/ws-server.js';
import { english } from '../../harness/english.js';
import type { RunningPeer } from '../../harness/running-peer.js';

const peers: RunningPeer[] = [];
afterAll(async () => {
  await Promise.all(peers.map((peer) => peer.stop()));
});

describe('the liveness probe against real ws servers', () => {
  it('a ws server with a 1 s heartbeat and terminate-on-missed-pong: pings measured at 1 s, the silent client dropped with TCP only, between one and two intervals after its first unanswered ping', async () => {
    const server = await startHeartbeatWsServer(1_000);
    peers.push(server);
    const report = await runDoctor(defaultSessionOptions(server.url), { isIdleProbeEnabled: false, isLivenessProbeEnabled: true, livenessLimitMs: 8_000 });
    const liveness = report.liveness!;
    const probe = report.probes.find((each) => each.id === 'liveness')!;
    expect(probe.status, english(probe.summary)).toBe('pass');
    expect(liveness.outcome).toBe('dropped');
    expect(liveness.pingIntervalMs).toBeGreaterThanOrEqual(900);
    expect(liveness.pingIntervalMs).toBeLessThanOrEqual(1_300);
    expect(liveness.closedAfterUnansweredMs).toBeGreaterThanOrEqual(900);
    expect(liveness.closedAfterUnansweredMs).toBeLessThanOrEqual(2_300);
    expect(liveness.closedAfterOpenMs).toBeGreaterThanOrEqual(1_000);
    expect(liveness.closedAfterOpenMs).toBeLessThanOrEqual(3_300);
    expect(liveness.closeCode).toBeNull();
    expect(english(liveness.closeHow!)).toMatch(/TCP closed|reset/);
    expect(report.causes.map((cause) => cause.id)).toEqual([]);
    expect(server.terminated()).toBe(1);
  });

  it('a ws server without heartbeats: reported as never noticing a dead client, after a bounded wait, with the fixes', async () => {
    const server = await startWsServer();
    peers.push(server);
    const startedAt = performance.now();
    const report = await runDoctor(defaultSessionOptions(server.url), { isIdleProbeEnabled: false, isLivenessProbeEnabled: true, livenessLimitMs: 3_000 });
    expect(performance.now() - startedAt).toBeLessThan(10_000);
    expect(report.liveness).toMatchObject({ outcome: 'kept', pingsSeen: 0, pingIntervalMs: null, closedAfterOpenMs: null, limitSeconds: 3 });
    const probe = report.probes.find((each) => each.id === 'liveness')!;
    expect([probe.status, english(probe.summary)]).toEqual(['fail', 'no ping from the server in 3 s, and a client that never answered was kept: a dead client would leak its session']);
    const cause = report.causes.find((each) => each.id === 'no-server-heartbeat')!;
    expect(cause.fix.steps.map((step) => step.target).slice(0, 3)).toEqual(['ws', 'socket-io', 'spring']);
    expect(cause.fix.steps[0]!.config[0]!.text).toContain('ws.terminate()');
  });

  it('a ws server that pings every 500 ms but never drops anyone: heartbeat-not-enforced, with the interval measured', async () => {
    const server = await startWsServer({ pingIntervalMs: 500 });
    peers.push(server);
    const report = await runDoctor(defaultSessionOptions(server.url), { isIdleProbeEnabled: false, isLivenessProbeEnabled: true, livenessLimitMs: 3_000 });
    expect(report.liveness?.outcome).toBe('kept');
    expect(report.liveness?.pingIntervalMs).toBeGreaterThanOrEqual(400);
    expect(report.liveness?.pingIntervalMs).toBeLessThanOrEqual(700);
    expect(report.causes.map((cause) => cause.id)).toEqual(['heartbeat-not-enforced']);
    expect(english(report.causes[0]!.fix.summary)).toMatch(/Drop a client that has not answered/);
  });
});
