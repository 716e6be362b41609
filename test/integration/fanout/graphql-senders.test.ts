import { afterEach, describe, expect, it } from 'vitest';
import { fanoutReport } from './run-fanout-report.js';
import { fanoutOptionsSchema, fanoutReportSchema } from '../../../shared/contract/fanout.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { startGraphqlWsServer } from '../../harness/graphql-ws-server.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSubscriptionsTransportWsServer } from '../../harness/subscriptions-transport-ws-server.js';
import { runCli } from '../cli/run-cli.js';

// GraphQL fan-out with senders: every client subscribes to `subscription { messages }`, and the
// senders run `mutation($message: String!) { publish(message: $message) }` for each numbered
// message, which the server publishes to every subscription. Against the npm graphql-ws server
// (graphql-transport-ws) and Apollo's subscriptions-transport-ws (the legacy graphql-ws subprotocol).

const peers: RunningPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

const subscription = 'subscription { messages }';
const mutation = 'mutation Publish($message: String!) { publish(message: $message) }';

interface ServerCase {
  readonly name: string;
  readonly start: () => Promise<RunningPeer & { readonly url: string }>;
  /** What the clients offer: the default (`graphql-transport-ws`), or the legacy `graphql-ws`. */
  readonly session: Partial<SessionOptions>;
}

const servers: readonly ServerCase[] = [
  { name: 'graphql-ws (graphql-transport-ws)', start: () => startGraphqlWsServer(), session: {} },
  { name: 'subscriptions-transport-ws (legacy graphql-ws)', start: () => startSubscriptionsTransportWsServer({ keepAliveMs: 100 }), session: { subprotocols: ['graphql-ws'] } },
];

describe.each(servers)('fan-out with GraphQL senders against $name', ({ start, session }) => {
  it('senders’ mutations reach every subscription: each client gets every sender’s messages once and in order, with latency figures', async () => {
    const server = await start();
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 12, senders: 3, messages: 20, ratePerSecond: 40, protocol: 'graphql-ws', document: subscription, mutation }, session);
    expect(report.outcome).toBe('finished');
    expect(report.settings).toMatchObject({ mode: 'senders', mutation, document: subscription });
    expect(report.sent).toBe(60);
    expect(report.totals).toMatchObject({ clients: 12, opened: 12, failed: 0, expected: 12 * 60, delivered: 12 * 60, lost: 0, duplicated: 0, outOfOrder: 0, unmatched: 0 });
    expect(report.totals.latency.count).toBe(12 * 60);
    expect(report.totals.latency.p50Ms).toBeGreaterThan(0);
    expect(report.totals.latency.maxMs).toBeGreaterThanOrEqual(report.totals.latency.p99Ms!);
    expect(report.clients.every((client) => client.failure === null)).toBe(true);
  });

  it('a mutation the schema does not have: each sender reports the server’s error, and the receivers count what never came as lost', async () => {
    const server = await start();
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 4, senders: 2, messages: 5, ratePerSecond: 50, drainMs: 500, protocol: 'graphql-ws', document: subscription, mutation: 'mutation { nope }' }, session);
    expect(report.totals).toMatchObject({ delivered: 0, lost: 4 * 10 });
    const refused = 'the server answered the sender\'s GraphQL mutation with an error, so its message was not published: Cannot query field "nope" on type "Mutation".';
    expect(report.clients.map((client) => client.failure)).toEqual([refused, refused, null, null]);
  });
});

describe('GraphQL senders in the contract and the CLI', () => {
  it('the schema takes senders with a mutation, and still refuses them without one', () => {
    expect(fanoutOptionsSchema.safeParse({ senders: 2, protocol: 'graphql-ws', document: subscription, mutation }).success).toBe(true);
    expect(fanoutOptionsSchema.safeParse({ senders: 2, protocol: 'graphql-ws', document: subscription }).error?.issues[0]?.path).toEqual(['senders']);
  });

  it('frameline fanout --mutation: one sender by default, latency percentiles in the table; against the legacy server with --subprotocol graphql-ws', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 100 });
    peers.push(server);
    const json = await runCli(['fanout', server.url, '--subprotocol', 'graphql-ws', '--protocol', 'graphql-ws', '--document', subscription, '--mutation', mutation, '--clients', '20', '--messages', '30', '--rate', '50', '--json']);
    expect(json.status, json.stderr).toBe(0);
    const report = fanoutReportSchema.parse(JSON.parse(json.stdout));
    expect(report.settings).toMatchObject({ senders: 1, mode: 'senders', mutation });
    expect(report.totals).toMatchObject({ expected: 600, delivered: 600, lost: 0, outOfOrder: 0 });
    expect(report.totals.latency.count).toBe(600);

    const text = await runCli(['fanout', server.url, '--subprotocol', 'graphql-ws', '--protocol', 'graphql-ws', '--document', subscription, '--mutation', mutation, '--clients', '5', '--senders', '2', '--messages', '10', '--rate', '50']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('5 graphql-ws clients (subprotocol graphql-ws) subscribed, 2 sender(s) running the mutation × 10 messages at 50/s each');
    expect(text.stdout).toContain('finished in');
    expect(text.stdout).toContain('20 messages sent');
    expect(text.stdout).toMatch(/\n {2}all +5\/5 +100\/100 +0 \(0 %\) +0 +0 +[\d.]+ ms +[\d.]+ ms +[\d.]+ ms +[\d.]+ ms\n/);
  });
});
