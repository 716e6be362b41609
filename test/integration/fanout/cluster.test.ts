import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanoutReport } from './run-fanout-report.js';
import type { FanoutOptionsInput } from '../../../shared/contract/fanout.js';
import { startClusterBackend } from '../../harness/cluster-backend.js';
import { startHaproxyCluster, startNginxUpstream } from '../../harness/load-balancers.js';
import { startRedis } from '../../harness/redis.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';

const redisServer = requirePeer('redis-server');
const nginx = requirePeer('nginx');
const haproxy = requirePeer('haproxy');

// Backend b2 drops every 10th broadcast it relays and holds every 7th back behind the next one.
// With one sender's 100 messages that is messages 10, 20, … 100 lost (10) and 13 held back (7, 14,
// 21, 28, 35, 42, 49, 56, 63, 77, 84, 91, 98; 70 is dropped first), each arriving after a higher number.
const broadcast: FanoutOptionsInput = { clients: 9, senders: 1, messages: 100, ratePerSecond: 200, subscribe: '{"type":"subscribe"}', settleMs: 500, drainMs: 3_000 };

describe.skipIf(!redisServer.isAvailable)('fan-out through a real cluster: three ws backends broadcasting through redis pub/sub', () => {
  let redis: RunningPeer;
  let backends: RunningPeer[] = [];
  const logs = (): string => [redis, ...backends].map((peer) => peer.logs()).join('\n---\n');

  beforeAll(async () => {
    redis = await startRedis();
    backends = await Promise.all([
      startClusterBackend({ name: 'b1', redisPort: redis.port }),
      startClusterBackend({ name: 'b2', redisPort: redis.port, dropEvery: 10, holdEvery: 7 }),
      startClusterBackend({ name: 'b3', redisPort: redis.port }),
    ]);
  });

  afterAll(async () => {
    await Promise.all(backends.map((backend) => backend.stop()));
    await redis?.stop();
  });

  describe.skipIf(!nginx.isAvailable)('behind nginx upstream', () => {
    it('round-robin: three clients per backend, named by nginx’s X-Upstream; b2’s row has its loss and reordering, the others are clean', async () => {
      const proxy = await startNginxUpstream(backends.map((backend) => backend.port), 'round-robin');
      try {
        const report = await fanoutReport(proxy.url, broadcast);
        const rows = report.backends.map((row) => [row.backend, row.clients, row.expected, row.lost, row.lossPercent, row.outOfOrder, row.duplicated]);
        const expected = backends.map((backend, index) => [`127.0.0.1:${backend.port}`, 3, 300, index === 1 ? 30 : 0, index === 1 ? 10 : 0, index === 1 ? 39 : 0, 0]);
        // The report sorts backends by name; the ports (and so the names) are whatever the kernel gave.
        expect(rows, logs()).toEqual(expected.sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en', { numeric: true })));
        expect(report.clients.every((client) => client.backendSource === 'header:X-Upstream')).toBe(true);
        expect(report.clients.filter((client) => client.backend === `127.0.0.1:${backends[1]!.port}`).map((client) => [client.lost, client.outOfOrder])).toEqual([[10, 13], [10, 13], [10, 13]]);
        expect([report.outcome, report.sent, report.totals.opened, report.totals.latency.count]).toEqual(['finished', 100, 9, 900 - 30]);
      } finally {
        await proxy.stop();
      }
    });

    it('ip_hash: every client from 127.0.0.1 lands on one backend, as the report shows', async () => {
      const proxy = await startNginxUpstream(backends.map((backend) => backend.port), 'ip_hash');
      try {
        const report = await fanoutReport(proxy.url, { ...broadcast, messages: 20 });
        expect(report.backends.map((row) => [row.clients, row.opened]), logs()).toEqual([[9, 9]]);
        expect(backends.map((backend) => `127.0.0.1:${backend.port}`)).toContain(report.backends[0]!.backend);
      } finally {
        await proxy.stop();
      }
    });

    it('a reconnect storm: a third of the listeners dropped mid-stream all come back, and the storm is measured', async () => {
      const proxy = await startNginxUpstream(backends.map((backend) => backend.port), 'round-robin');
      try {
        const report = await fanoutReport(proxy.url, { ...broadcast, messages: 60, ratePerSecond: 40, killFraction: 0.375 });
        expect(report.storm, logs()).not.toBeNull();
        expect([report.storm!.trigger, report.storm!.dropped, report.storm!.cameBack, report.storm!.stillDown]).toEqual(['killed', 3, 3, 0]);
        expect(report.storm!.durationMs).toBeGreaterThan(0);
        const killed = report.clients.filter((client) => client.timeline.some((event) => event.kind === 'killed'));
        expect(killed.map((client) => client.attempts)).toEqual([2, 2, 2]);
        expect(killed.every((client) => client.timeline.filter((event) => event.kind === 'open').length === 2)).toBe(true);
      } finally {
        await proxy.stop();
      }
    });
  });

  describe.skipIf(!haproxy.isAvailable)('behind haproxy', () => {
    it('round-robin with an inserted SERVERID cookie: clients grouped by the cookie’s server name', async () => {
      const proxy = await startHaproxyCluster(backends.map((backend, index) => ({ name: `b${index + 1}`, port: backend.port })));
      try {
        const report = await fanoutReport(proxy.url, { ...broadcast, backendRules: ['cookie:SERVERID'] });
        expect(report.backends.map((row) => [row.backend, row.clients, row.lost, row.outOfOrder]), `${logs()}\n${proxy.logs()}`).toEqual([
          ['b1', 3, 0, 0],
          ['b2', 3, 30, 39],
          ['b3', 3, 0, 0],
        ]);
      } finally {
        await proxy.stop();
      }
    });

    it('from a field of the first message the server sends ({"node":…})', async () => {
      const proxy = await startHaproxyCluster(backends.map((backend, index) => ({ name: `b${index + 1}`, port: backend.port })));
      try {
        const report = await fanoutReport(proxy.url, { ...broadcast, messages: 10, backendRules: ['field:node'] });
        expect(report.backends.map((row) => [row.backend, row.clients])).toEqual([['b1', 3], ['b2', 3], ['b3', 3]]);
        expect(report.clients.every((client) => client.backendSource === 'field:node')).toBe(true);
      } finally {
        await proxy.stop();
      }
    });
  });
});
