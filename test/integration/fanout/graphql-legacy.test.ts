import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { fanoutReport } from './run-fanout-report.js';
import { runFanout } from '../../../electron/engine/fanout/fanout-run.js';
import type { Session } from '../../../electron/engine/session/session.js';
import { fanoutOptionsSchema, fanoutReportSchema } from '../../../shared/contract/fanout.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { startGraphqlWsServer } from '../../harness/graphql-ws-server.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSubscriptionsTransportWsServer } from '../../harness/subscriptions-transport-ws-server.js';
import { tempDirPerTest } from '../../harness/temp-dir-per-test.js';
import { runCli, startCli } from '../cli/run-cli.js';

// Fan-out clients speaking the legacy GraphQL over WebSocket protocol (subprotocol `graphql-ws`)
// to Apollo's subscriptions-transport-ws server (npm), the implementation that defined it:
// `subscription { tick(count: n) }` yields 1…n to each subscriber, 20 ms apart, and the server
// sends a `ka` keep-alive after connection_ack and then every `keepAliveMs`.

const peers: RunningPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

const legacy = { subprotocols: ['graphql-ws'] };
const tempDir = tempDirPerTest('frameline-graphql-legacy-');

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

  it('with no subprotocol named, each client offers graphql-transport-ws, is refused with 1002, notes the fallback, dials once more with graphql-ws and counts every result; the report names graphql-ws per client', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 1_000 });
    peers.push(server);
    const run = await runFanout(defaultSessionOptions(server.url), fanoutOptionsSchema.parse({ clients: 4, senders: 0, protocol: 'graphql-ws', document: 'subscription { tick(count: 5) }', listenMs: 20_000 }));
    try {
      const report = fanoutReportSchema.parse(JSON.parse(JSON.stringify(run.report)));
      expect(report.settings.subprotocols).toEqual(['graphql-ws']);
      expect(report.totals).toMatchObject({ opened: 4, failed: 0, expected: 20, delivered: 20, lost: 0, unmatched: 0 });
      for (const client of report.clients) {
        expect(client).toMatchObject({ subprotocol: 'graphql-ws', attempts: 2, failure: null });
        const fallback = client.timeline.filter((event) => event.kind === 'fallback');
        expect(fallback).toHaveLength(1);
        expect(fallback[0]!.detail).toMatch(/^the server refused graphql-transport-ws \(closed by the server: .*1002.*\); offering graphql-ws instead$/);
        expect(fallback[0]!.detailText).toMatchObject({ key: 'fanout:note.subprotocolFallback', values: { refused: 'graphql-transport-ws', offered: 'graphql-ws' } });
        expect(client.timeline.map((event) => event.kind)).toEqual(['dial', 'open', 'fallback', 'dial', 'open', 'subscribed', 'first-message', 'last-message', 'completed']);
      }
      for (const client of run.clients) {
        // Both attempts are kept: the refused one's handshake offered graphql-transport-ws, the second graphql-ws.
        expect(client.sessions.map((session) => session.options.subprotocols)).toEqual([['graphql-transport-ws'], ['graphql-ws']]);
        expect(client.sessions.map((session) => session.capture.header.subprotocol)).toEqual(['graphql-transport-ws', 'graphql-ws']);
      }
    } finally {
      run.dispose();
    }
  });

  it('a server that switches protocols under a reconnecting run: clients fall back to graphql-ws on the legacy server, and when a graphql-ws library server replaces it on the same port, each is refused with 4406 there and falls back to graphql-transport-ws, once each way', async () => {
    const legacyServer = await startSubscriptionsTransportWsServer({ keepAliveMs: 200 });
    peers.push(legacyServer);
    const stopper = new AbortController();
    // `messages` yields only what a mutation publishes: the subscriptions stay open until the server goes.
    const running = runFanout(defaultSessionOptions(legacyServer.url), fanoutOptionsSchema.parse({ clients: 3, senders: 0, protocol: 'graphql-ws', document: 'subscription { messages }', listenMs: 60_000, reconnect: true }), { signal: stopper.signal });
    try {
      await vi.waitFor(() => expect(legacyServer.logs().match(/\] start fanout/g)).toHaveLength(3), { timeout: 20_000 });
      await legacyServer.stop();
      const server = await startGraphqlWsServer({ port: legacyServer.port });
      peers.push(server);
      await vi.waitFor(() => expect(server.logs().match(/\] subscribe fanout/g)).toHaveLength(3), { timeout: 20_000 });
    } finally {
      stopper.abort();
    }
    const run = await running;
    try {
      const { report } = run;
      expect(report.settings.subprotocols).toEqual(['graphql-transport-ws']);
      expect(report.storm).toMatchObject({ trigger: 'server', dropped: 3, cameBack: 3, stillDown: 0 });
      for (const client of report.clients) {
        expect(client).toMatchObject({ subprotocol: 'graphql-transport-ws', failure: null });
        const fallbacks = client.timeline.filter((event) => event.kind === 'fallback');
        expect(fallbacks.map((event) => event.detailText?.values)).toMatchObject([
          { refused: 'graphql-transport-ws', offered: 'graphql-ws' },
          { refused: 'graphql-ws', offered: 'graphql-transport-ws' },
        ]);
        expect(fallbacks[1]!.detail).toMatch(/^the server refused graphql-ws \(closed by the server: .*4406.*\); offering graphql-transport-ws instead$/);
      }
      // The reconnect offered what had worked (graphql-ws), was refused, and the last attempt spoke graphql-transport-ws.
      for (const client of run.clients) expect(client.sessions.slice(-2).map((session) => [session.options.subprotocols, session.capture.header.subprotocol])).toEqual([[['graphql-ws'], null], [['graphql-transport-ws'], 'graphql-transport-ws']]);
    } finally {
      run.dispose();
    }
  });

  it('a server that refuses both (a ws server whose 101 accepts no subprotocol and that then closes with 1002): each client falls back once, then fails, and never dials a third time', async () => {
    // The ws library (npm) with a handleProtocols that accepts nothing: it answers 101 without Sec-WebSocket-Protocol.
    const refusing = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/graphql', handleProtocols: () => false });
    await new Promise<void>((resolve) => refusing.once('listening', resolve));
    refusing.on('connection', (socket) => socket.close(1002));
    try {
      const address = refusing.address() as AddressInfo;
      const report = await fanoutReport(`ws://127.0.0.1:${address.port}/graphql`, { clients: 2, senders: 0, protocol: 'graphql-ws', document: 'subscription { tick(count: 3) }', listenMs: 20_000 });
      for (const client of report.clients) {
        expect(client).toMatchObject({ attempts: 2, subprotocol: null });
        expect(client.timeline.map((event) => event.kind)).toEqual(['dial', 'open', 'fallback', 'dial', 'open', 'failed']);
        expect(client.timeline.find((event) => event.kind === 'fallback')?.detailText?.values).toMatchObject({ refused: 'graphql-transport-ws', offered: 'graphql-ws' });
        // The second refusal points back to graphql-transport-ws: neither a second fallback nor a hint to offer it.
        expect(client.failure).toMatch(/^the connection ended before the server answered connection_init: closed by the server: .*1002[^;]*$/);
      }
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('with graphql-transport-ws named in the settings, the legacy server’s 1002 is each client’s failure, which names graphql-ws to offer instead: no fallback', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 1_000 });
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 2, senders: 0, protocol: 'graphql-ws', document: 'subscription { tick(count: 3) }', listenMs: 20_000 }, { subprotocols: ['graphql-transport-ws'] });
    for (const client of report.clients) {
      expect(client.failure).toMatch(/^the connection ended before the server answered connection_init: closed by the server: .*1002/);
      expect(client.failure).toContain('a server of the legacy subscriptions-transport-ws protocol closes this way: offer the subprotocol graphql-ws instead');
      expect(client).toMatchObject({ attempts: 1, subprotocol: 'graphql-transport-ws' });
      expect(client.timeline.map((event) => event.kind)).not.toContain('fallback');
    }
  });

  it('with the legacy graphql-ws named in the settings, the graphql-ws library’s server closes with 4406: each client names graphql-transport-ws to offer instead, no fallback', async () => {
    const server = await startGraphqlWsServer();
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 2, senders: 0, protocol: 'graphql-ws', document: 'subscription { tick(count: 3) }', listenMs: 20_000 }, legacy);
    for (const client of report.clients) {
      expect(client.failure).toMatch(/^the connection ended before the server answered connection_init: closed by the server: .*4406/);
      expect(client.failure).toContain('offer graphql-transport-ws instead');
      // Its 101 accepted no subprotocol; the user named one, so the client does not fall back by itself.
      expect(client).toMatchObject({ attempts: 1, subprotocol: null });
    }
  });
});

describe('frameline fanout --protocol graphql-ws --subprotocol graphql-ws', () => {
  it('without --subprotocol, every client falls back from graphql-transport-ws to graphql-ws by itself: exit status 0, and the JSON report names the subprotocol and the fallback per client, in English and in Chinese', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 1_000 });
    peers.push(server);
    const json = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--document', 'subscription { tick(count: 4) }', '--clients', '3', '--json']);
    expect(json.status, json.stderr).toBe(0);
    const report = fanoutReportSchema.parse(JSON.parse(json.stdout));
    expect(report.settings.subprotocols).toEqual(['graphql-ws']);
    expect(report.totals).toMatchObject({ opened: 3, expected: 12, delivered: 12, lost: 0 });
    for (const client of report.clients) {
      expect(client).toMatchObject({ subprotocol: 'graphql-ws', attempts: 2, failure: null });
      expect(client.timeline.filter((event) => event.kind === 'fallback').map((event) => event.detail)).toEqual([expect.stringMatching(/^the server refused graphql-transport-ws \(closed by the server: .*1002.*\); offering graphql-ws instead$/)]);
    }

    const text = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--document', 'subscription { tick(count: 3) }', '--clients', '2', '--lang', 'zh-CN']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('2 个 graphql-ws 客户端（子协议 graphql-ws），各自统计自己订阅的结果');
    expect(text.stdout).toContain('2 个客户端从子协议 graphql-transport-ws 回退到 graphql-ws：服务器拒绝了前者');
    const htmlFile = tempDir().file('report.html');
    const english = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--document', 'subscription { tick(count: 3) }', '--clients', '2', '--html', htmlFile]);
    expect(english.status, english.stderr).toBe(0);
    expect(english.stdout).toContain('\n  2 clients fell back from subprotocol graphql-transport-ws to graphql-ws: the server refused the first\n');
    const html = readFileSync(htmlFile, 'utf8');
    expect(html).toContain('<p>2 clients fell back from subprotocol graphql-transport-ws to graphql-ws: the server refused the first</p>');
    expect(html).toContain('<th>attempts</th><th>subprotocol</th>');
    // Each client's row: client, backend, rule, attempts, subprotocol.
    expect(html.match(/<td>2<\/td><td>graphql-ws<\/td>/g)).toHaveLength(2);
  });

  it('--reconnect while the legacy server is replaced by a graphql-ws library server on the same port: each client fell back to graphql-ws, then back to graphql-transport-ws, and the JSON report says so per client', async () => {
    const legacyServer = await startSubscriptionsTransportWsServer({ keepAliveMs: 200 });
    peers.push(legacyServer);
    const cli = startCli(['fanout', legacyServer.url, '--protocol', 'graphql-ws', '--document', 'subscription { messages }', '--clients', '2', '--reconnect', '--listen', '6', '--json'], {});
    await vi.waitFor(() => expect(legacyServer.logs().match(/\] start fanout/g)).toHaveLength(2), { timeout: 20_000 });
    await legacyServer.stop();
    const server = await startGraphqlWsServer({ port: legacyServer.port });
    peers.push(server);
    await vi.waitFor(() => expect(server.logs().match(/\] subscribe fanout/g)).toHaveLength(2), { timeout: 20_000 });
    expect(await cli.status).toBe(0);
    const report = fanoutReportSchema.parse(JSON.parse(cli.stdout()));
    expect(report.settings.subprotocols).toEqual(['graphql-transport-ws']);
    for (const client of report.clients) {
      expect(client).toMatchObject({ subprotocol: 'graphql-transport-ws', failure: null });
      expect(client.timeline.filter((event) => event.kind === 'fallback').map((event) => event.detailText?.values)).toMatchObject([
        { refused: 'graphql-transport-ws', offered: 'graphql-ws' },
        { refused: 'graphql-ws', offered: 'graphql-transport-ws' },
      ]);
    }
  });

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

    const named = await runCli(['fanout', server.url, '--protocol', 'graphql-ws', '--subprotocol', 'graphql-transport-ws', '--document', 'subscription { tick(count: 3) }', '--clients', '2', '--lang', 'zh-CN']);
    expect(named.status).toBe(1);
    expect(named.stdout).toContain('2 个 graphql-ws 客户端（子协议 graphql-transport-ws），各自统计自己订阅的结果');
    expect(named.stdout).toContain('旧版 subscriptions-transport-ws 协议的服务器会这样关闭连接：请改为提供子协议 graphql-ws');
  });
});
