import { afterEach, describe, expect, it, vi } from 'vitest';
import { fanoutReport } from './run-fanout-report.js';
import { runFanout } from '../../../electron/engine/fanout/fanout-run.js';
import type { Session } from '../../../electron/engine/session/session.js';
import { fanoutOptionsSchema, fanoutReportSchema } from '../../../shared/contract/fanout.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { startGraphqlWsServer } from '../../harness/graphql-ws-server.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSubscriptionsTransportWsServer } from '../../harness/subscriptions-transport-ws-server.js';
import { runCli } from '../cli/run-cli.js';

// Fan-out clients speaking the legacy GraphQL over WebSocket protocol (subprotocol `graphql-ws`)
// to Apollo's subscriptions-transport-ws server (npm), the implementation that defined it:
// `subscription { tick(count: n) }` yields 1…n to each subscriber, 20 ms apart, and the server
// sends a `ka` keep-alive after connection_ack and then every `keepAliveMs`.

const peers: RunningPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

const legacy = { subprotocols: ['graphql-ws'] };

/** The texts of a session's received text frames. */
function receivedTexts(session: Session): string[] {
  const texts: string[] = [];
  for (let seq = 0; seq < session.capture.count; seq++) {
    if (session.capture.kindAt(seq) !== 'frame') continue;
    const record = session.capture.getRecord(seq);
    if (record.kind === 'frame' && record.direction === 'in' && record.opcode === 1) texts.push(new TextDecoder().decode(session.capture.getPayload(seq)));
  }
  return texts;
}

describe('fan-out with --protocol graphql-ws over the legacy graphql-ws subprotocol (subscriptions-transport-ws)', () => {
  it('N clients × M results: each is acknowledged, starts its subscription, counts every data once and in order, takes the ka keep-alives in its stride, and the run ends at the completes', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 40 });
    peers.push(server);
    const startedAt = performance.now();
    const run = await runFanout({ ...defaultSessionOptions(server.url), ...legacy }, fanoutOptionsSchema.parse({ clients: 20, senders: 0, protocol: 'graphql-ws', document: 'subscription { tick(count: 25) }', listenMs: 30_000 }));
    try {
      // Ended by the completes, not by the 30 s listen (the ticks take about 0.5 s).
      expect(performance.now() - startedAt).toBeLessThan(25_000);
      const { report } = run;
      expect(report.outcome).toBe('finished');
      expect(report.settings.subprotocols).toEqual(['graphql-ws']);
      expect(report.totals).toMatchObject({ clients: 20, opened: 20, failed: 0, expected: 20 * 25, delivered: 20 * 25, lost: 0, duplicated: 0, outOfOrder: 0, unmatched: 0 });
      for (const client of report.clients) {
        expect(client.failure).toBeNull();
        expect(client.timeline.map((event) => event.kind).slice(-3)).toEqual(['first-message', 'last-message', 'completed']);
      }
      for (const client of run.clients) {
        const session = client.session!;
        expect(session.capture.header.handshake?.response?.headers).toContainEqual(['Sec-WebSocket-Protocol', 'graphql-ws']);
        const types = receivedTexts(session).map((text) => (JSON.parse(text) as { type: string }).type);
        expect(types[0]).toBe('connection_ack');
        expect(types.filter((type) => type === 'data')).toHaveLength(25);
        // The keep-alives came through the whole subscription and were never counted as results.
        expect(types.filter((type) => type === 'ka').length).toBeGreaterThanOrEqual(5);
        expect(types.at(-1) === 'complete' || types.at(-1) === 'ka').toBe(true);
      }
      expect(server.logs().match(/\[subscriptions-transport-ws\] start fanout/g)).toHaveLength(20);
    } finally {
      run.dispose();
    }
  });

  it('a server that stops sending ka: each client reports the keep-alive lost after the timeout and closes, and the run ends there', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 50, keepAlivesSent: 3 });
    peers.push(server);
    const startedAt = performance.now();
    // `messages` yields only what a mutation publishes: none here, so after the third ka the server is silent.
    const report = await fanoutReport(server.url, { clients: 4, senders: 0, protocol: 'graphql-ws', document: 'subscription { messages }', listenMs: 20_000, keepAliveTimeoutMs: 600 }, legacy);
    // Ended by the clients closing, not by the 20 s listen.
    expect(performance.now() - startedAt).toBeLessThan(15_000);
    expect(report.totals).toMatchObject({ opened: 4, delivered: 0, unmatched: 0 });
    for (const client of report.clients) {
      expect(client.failure).toBe('the server sent ka keep-alives, then nothing for 0.6 s: the client took the connection as dead and closed it');
      expect(client.failureText).toMatchObject({ key: 'fanout:failure.keepAliveLost', values: { seconds: 0.6 } });
      expect(client.timeline.map((event) => event.kind)).toContain('subscribed');
    }
    expect(server.logs()).toContain('ka withheld');
    // The clients closed their connections; the server hears each close shortly after the report.
    await vi.waitFor(() => expect(server.logs().match(/\] disconnect/g)).toHaveLength(4), { timeout: 10_000 });
  });

  it('a server that keeps sending ka (every 50 ms) is never taken as dead, with a keep-alive timeout far shorter than the run', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 50 });
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 3, senders: 0, protocol: 'graphql-ws', document: 'subscription { messages }', listenMs: 6_000, keepAliveTimeoutMs: 2_500 }, legacy);
    expect(report.totals).toMatchObject({ opened: 3, failed: 0 });
    for (const client of report.clients) expect(client.failure).toBeNull();
  });

  it('--match reads the number from each data result', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 1_000 });
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 5, senders: 0, protocol: 'graphql-ws', document: 'subscription { tick(count: 8) }', match: '"tick":(?<seq>\\d+)', listenMs: 20_000 }, legacy);
    expect(report.totals).toMatchObject({ expected: 40, delivered: 40, lost: 0, outOfOrder: 0, unmatched: 0 });
  });

  it('a document the schema does not have: the server answers every client with its validation errors as a data result without data, and each client reports them instead of counting a result', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 1_000 });
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 6, senders: 0, protocol: 'graphql-ws', document: 'subscription { nope }', listenMs: 20_000 }, legacy);
    expect(report.totals).toMatchObject({ opened: 6, failed: 0, delivered: 0, unmatched: 0 });
    for (const client of report.clients) {
      expect(client.failure).toBe('the server ended the GraphQL subscription with an error: Cannot query field "nope" on type "Subscription".');
      expect(client.failureText).toMatchObject({ key: 'fanout:failure.graphqlError' });
    }
  });

  it('a document that does not parse: the server answers every client with error, and each client reports its message', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 1_000 });
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 3, senders: 0, protocol: 'graphql-ws', document: 'subscription {', listenMs: 20_000 }, legacy);
    for (const client of report.clients) expect(client.failure).toBe('the server ended the GraphQL subscription with an error: Syntax Error: Expected Name, found <EOF>.');
  });

  it('a server that refuses connection_init: each client reports the connection_error’s message and does not subscribe', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 1_000, isRefusingInit: true });
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 3, senders: 0, protocol: 'graphql-ws', document: 'subscription { tick(count: 3) }', listenMs: 20_000 }, legacy);
    for (const client of report.clients) {
      expect(client.failure).toBe('the server refused connection_init with connection_error: Prohibited connection!');
      expect(client.timeline.map((event) => event.kind)).not.toContain('subscribed');
    }
    expect(server.logs()).not.toContain('] start');
  });

  it('offered only graphql-transport-ws (the default), the legacy server closes with 1002: each client says so and names the subprotocol to offer instead', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 1_000 });
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 2, senders: 0, protocol: 'graphql-ws', document: 'subscription { tick(count: 3) }', listenMs: 20_000 });
    for (const client of report.clients) {
      expect(client.failure).toMatch(/^the connection ended before the server answered connection_init: closed by the server: .*1002/);
      expect(client.failure).toContain('a server of the legacy subscriptions-transport-ws protocol closes this way: offer the subprotocol graphql-ws instead');
    }
  });

  it('offered only the legacy graphql-ws, the graphql-ws library’s server closes with 4406: each client names graphql-transport-ws to offer instead', async () => {
    const server = await startGraphqlWsServer();
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 2, senders: 0, protocol: 'graphql-ws', document: 'subscription { tick(count: 3) }', listenMs: 20_000 }, legacy);
    for (const client of report.clients) {
      expect(client.failure).toMatch(/^the connection ended before the server answered connection_init: closed by the server: .*4406/);
      expect(client.failure).toContain('offer graphql-transport-ws instead');
    }
  });
});

describe('frameline fanout --protocol graphql-ws --subprotocol graphql-ws', () => {
  it('many clients each get every result from subscriptions-transport-ws; a wrong document is exit status 1 with each client’s error, in English and in Chinese', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 50 });
    peers.push(server);
    const good = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--subprotocol', 'graphql-ws', '--document', 'subscription { tick(count: 12) }', '--clients', '40', '--json']);
    expect(good.status, good.stderr).toBe(0);
    const report = fanoutReportSchema.parse(JSON.parse(good.stdout));
    expect(report.totals).toMatchObject({ opened: 40, expected: 480, delivered: 480, lost: 0, duplicated: 0, outOfOrder: 0, unmatched: 0 });

    const text = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--subprotocol', 'graphql-ws', '--document', 'subscription { tick(count: 3) }', '--clients', '4']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('4 clients got every message once and in order');
    expect(text.stdout).toContain('4 graphql-ws clients (subprotocol graphql-ws), each counting the results of its own subscription');

    const wrong = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--subprotocol', 'graphql-ws', '--document', 'subscription { nope }', '--clients', '3']);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain('3 clients opened, then their protocol failed:');
    expect(wrong.stdout).toContain('client 1: the server ended the GraphQL subscription with an error: Cannot query field "nope" on type "Subscription".');

    const defaultOffer = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--document', 'subscription { tick(count: 3) }', '--clients', '2', '--lang', 'zh-CN']);
    expect(defaultOffer.status).toBe(1);
    expect(defaultOffer.stdout).toContain('2 个 graphql-ws 客户端（子协议 graphql-transport-ws），各自统计自己订阅的结果');
    expect(defaultOffer.stdout).toContain('旧版 subscriptions-transport-ws 协议的服务器会这样关闭连接：请改为提供子协议 graphql-ws');
  });
});
