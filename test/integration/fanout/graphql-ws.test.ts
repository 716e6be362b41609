import { afterEach, describe, expect, it } from 'vitest';
import { fanoutReport } from './run-fanout-report.js';
import { fanoutOptionsSchema, fanoutReportSchema } from '../../../shared/contract/fanout.js';
import { startGraphqlWsServer } from '../../harness/graphql-ws-server.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { runCli } from '../cli/run-cli.js';

// Fan-out clients speaking GraphQL over WebSocket (graphql-transport-ws) to the npm graphql-ws
// library's server on a `ws` server: `subscription { tick(count: n) }` yields 1…n to each subscriber.

const peers: RunningPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

const ticks = 'subscription { tick(count: 30) }';

describe('fan-out with --protocol graphql-ws through the engine', () => {
  it('every client is acknowledged, subscribes, answers the server’s pings, gets every next once and in order, and the run ends when every subscription completed', async () => {
    const server = await startGraphqlWsServer({ pingIntervalMs: 100 });
    peers.push(server);
    const startedAt = performance.now();
    const report = await fanoutReport(server.url, { clients: 25, senders: 0, protocol: 'graphql-ws', document: ticks, listenMs: 30_000 });
    // Ended by the completes, not by the 30 s listen (the ticks take about 0.6 s).
    expect(performance.now() - startedAt).toBeLessThan(25_000);
    expect(report.outcome).toBe('finished');
    expect(report.totals).toMatchObject({ clients: 25, opened: 25, failed: 0, expected: 25 * 30, delivered: 25 * 30, lost: 0, duplicated: 0, outOfOrder: 0, unmatched: 0 });
    expect(report.clients.every((client) => client.failure === null && client.delivered === 30)).toBe(true);
    for (const client of report.clients) {
      const kinds = client.timeline.map((event) => event.kind);
      expect(kinds.slice(-3)).toEqual(['first-message', 'last-message', 'completed']);
      expect(client.timeline.map((event) => event.atMs)).toEqual(client.timeline.map((event) => event.atMs).sort((a, b) => a - b));
    }
    expect(server.logs().match(/\[graphql-ws\] subscribe fanout/g)).toHaveLength(25);
    expect(server.pongs()).toBeGreaterThanOrEqual(25);
  });

  it('--match reads the number from each result instead of its place in the stream', async () => {
    const server = await startGraphqlWsServer();
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 5, senders: 0, protocol: 'graphql-ws', document: 'subscription { tick(count: 8) }', match: '"tick":(?<seq>\\d+)', listenMs: 20_000 });
    expect(report.totals).toMatchObject({ expected: 40, delivered: 40, lost: 0, outOfOrder: 0 });
  });

  it('a document the schema does not have: the server answers every client with error, and each client reports its message', async () => {
    const server = await startGraphqlWsServer();
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 6, senders: 0, protocol: 'graphql-ws', document: 'subscription { nope }', listenMs: 20_000 });
    expect(report.totals).toMatchObject({ opened: 6, failed: 0, delivered: 0 });
    for (const client of report.clients) {
      expect(client.failure).toBe('the server ended the GraphQL subscription with an error: Cannot query field "nope" on type "Subscription".');
      expect(client.failureText).toMatchObject({ key: 'fanout:failure.graphqlError' });
      expect(client.timeline.map((event) => event.kind)).toContain('failed');
    }
  });

  it('a server that refuses connection_init: each client reports that the connection ended before connection_ack, with the close code', async () => {
    const server = await startGraphqlWsServer({ isRefusingInit: true });
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 3, senders: 0, protocol: 'graphql-ws', document: ticks, listenMs: 20_000 });
    for (const client of report.clients) expect(client.failure).toMatch(/^the connection ended before the server answered connection_init: closed by the server: .*4403.*Forbidden/);
  });

  it('the schema refuses graphql-ws without a document, and with senders', () => {
    expect(fanoutOptionsSchema.safeParse({ senders: 0, protocol: 'graphql-ws' }).error?.issues[0]?.path).toEqual(['document']);
    expect(fanoutOptionsSchema.safeParse({ senders: 1, protocol: 'graphql-ws', document: ticks }).error?.issues[0]?.path).toEqual(['senders']);
  });
});

describe('frameline fanout --protocol graphql-ws', () => {
  it('many clients each get every tick; --json parses against the contract; a wrong document is exit status 1 with each client’s error, in English and in Chinese', async () => {
    const server = await startGraphqlWsServer();
    peers.push(server);
    const good = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--document', 'subscription { tick(count: 12) }', '--clients', '40', '--json']);
    expect(good.status, good.stderr).toBe(0);
    const report = fanoutReportSchema.parse(JSON.parse(good.stdout));
    expect(report.totals).toMatchObject({ opened: 40, expected: 480, delivered: 480, lost: 0, duplicated: 0, outOfOrder: 0 });
    expect(report.settings).toMatchObject({ protocol: 'graphql-ws', document: 'subscription { tick(count: 12) }', mode: 'broadcast', subprotocols: ['graphql-transport-ws'] });

    const text = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--document', 'subscription { tick(count: 3) }', '--clients', '4']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('4 clients got every message once and in order');
    expect(text.stdout).toMatch(/\n {2}4 graphql-ws clients \(subprotocol graphql-transport-ws\), each counting the results of its own subscription\n {2}finished in [\d.]+ s, 3 distinct results\n/);

    const wrong = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--document', 'subscription { nope }', '--clients', '3']);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain('(backend not named): 3 clients received nothing to count');
    expect(wrong.stdout).toContain('3 clients opened, then their protocol failed:');
    expect(wrong.stdout).toContain('client 1: the server ended the GraphQL subscription with an error: Cannot query field "nope" on type "Subscription".');
    const chinese = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--document', 'subscription { nope }', '--clients', '2', '--lang', 'zh-CN']);
    expect(chinese.status).toBe(1);
    expect(chinese.stdout).toContain('客户端 1：服务器以错误结束了 GraphQL 订阅：Cannot query field "nope" on type "Subscription".');
  });

  it('usage mistakes: no document, or senders, are one line with exit status 2', async () => {
    const missing = await runCli(['fanout', 'ws://127.0.0.1:1/', '--protocol', 'graphql-ws']);
    expect([missing.status, missing.stderr.trim()]).toEqual([2, 'frameline: document: graphql-ws clients need a GraphQL subscription document to subscribe with (--document)']);
    const senders = await runCli(['fanout', 'ws://127.0.0.1:1/', '--protocol', 'graphql-ws', '--document', ticks, '--senders', '2']);
    expect(senders.status).toBe(2);
    expect(senders.stderr).toContain('senders must be 0');
  });
});
