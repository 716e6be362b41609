import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../electron/engine/doctor/path-doctor.js';
import { runFanout } from '../../../electron/engine/fanout/fanout-run.js';
import { fanoutOptionsSchema } from '../../../shared/contract/fanout.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { english } from '../../harness/english.js';
import { startRabbitmq, type RabbitmqPeer } from '../../harness/rabbitmq.js';
import { requirePeer } from '../../harness/require-peer.js';

// STOMP heart-beats in the liveness probe and STOMP fan-out clients against RabbitMQ's Web STOMP
// (Debian). RabbitMQ boots slowly: one node for the file, kept apart from the fast files.

const rabbitmq = requirePeer('rabbitmq');

describe.skipIf(!rabbitmq.isAvailable)('STOMP probes against RabbitMQ Web STOMP', () => {
  let broker: RabbitmqPeer;
  beforeAll(async () => {
    broker = await startRabbitmq();
  }, 150_000);
  afterAll(async () => {
    await broker?.stop();
  });

  it('liveness: heart-beats every 1 s; the client whose heart-beats stop is closed by the broker, the one sending them stays', async () => {
    const options = { ...defaultSessionOptions(broker.stompUrl), subprotocols: ['v12.stomp'] };
    const report = await runDoctor(options, { isIdleProbeEnabled: false, isLivenessProbeEnabled: true, livenessLimitMs: 10_000, livenessProtocol: { keepAliveSeconds: 1 } });
    const liveness = report.liveness!;
    const probe = report.probes.find((each) => each.id === 'liveness')!;
    expect(probe.status, english(probe.summary)).toBe('pass');
    expect(liveness).toMatchObject({ protocol: 'stomp', outcome: 'dropped' });
    expect(liveness.protocolHeartbeatsSeen).toBeGreaterThanOrEqual(2);
    expect(liveness.closedAfterLastSentMs).toBeGreaterThanOrEqual(1_000);
    expect(liveness.closedAfterLastSentMs).toBeLessThanOrEqual(6_000);
    expect(english(probe.summary)).toMatch(/^STOMP: the server sends a heartbeat every [\d.]+ s and dropped a client/);
  }, 30_000);

  it('fan-out: every client subscribes to the destination; SENT numbered messages reach every subscriber once and in order', async () => {
    const options = { ...defaultSessionOptions(broker.stompUrl), subprotocols: ['v12.stomp'] };
    const run = await runFanout(options, fanoutOptionsSchema.parse({ clients: 4, senders: 1, messages: 20, ratePerSecond: 20, protocol: 'stomp', channel: '/topic/fanout', settleMs: 500, drainMs: 2_000 }));
    run.dispose();
    expect(run.report.totals).toMatchObject({ opened: 4, failed: 0, lost: 0, duplicated: 0, outOfOrder: 0 });
    expect(run.report.totals.expected).toBeGreaterThanOrEqual(3 * 20);
    expect(run.report.totals.delivered).toBe(run.report.totals.expected);
  }, 30_000);
});
