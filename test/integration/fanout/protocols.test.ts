import { HttpTransportType, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { afterEach, describe, expect, it } from 'vitest';
import { fanoutReport } from './run-fanout-report.js';
import { startMosquitto } from '../../harness/mosquitto.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSignalrHubServer } from '../../harness/signalr-hub-server.js';
import { startSocketIoBroadcastServer } from '../../harness/socket-io-broadcast-server.js';

// Fan-out clients speaking an application protocol (issue 18 after issue 13): the npm socket.io 4
// server relaying events to every client, mosquitto (Debian) relaying PUBLISHes to subscribers, and
// a stand-in SignalR hub (no ASP.NET Core here) checked first with Microsoft's own client.

const mosquitto = requirePeer('mosquitto');

const peers: RunningPeer[] = [];

// Every client opened, at least `minExpected` deliveries were due, and each came once and in order.
function expectEveryDelivery(report: Awaited<ReturnType<typeof fanoutReport>>, opened: number, minExpected: number): void {
  expect(report.totals).toMatchObject({ opened, failed: 0, lost: 0, duplicated: 0, outOfOrder: 0 });
  expect(report.totals.expected).toBeGreaterThanOrEqual(minExpected);
  expect(report.totals.delivered).toBe(report.totals.expected);
}
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

describe('fan-out with --protocol socket.io', () => {
  it('every client answers Engine.IO pings through a run many ping timeouts long, and every event relayed to every client is counted from its arguments', async () => {
    // 300 + 200 ms: a client that did not answer pings would be gone within half a second; the run sends for about 2 s.
    const server = await startSocketIoBroadcastServer({ pingIntervalMs: 300, pingTimeoutMs: 200 });
    peers.push(server);
    const report = await fanoutReport(server.url, { clients: 5, senders: 2, messages: 30, ratePerSecond: 15, protocol: 'socket.io', channel: 'chat:message', settleMs: 300, drainMs: 2_000 });
    expectEveryDelivery(report, 5, 4 * 60);
    expect(report.sent).toBe(60);
    expect(server.connections()).toBe(5);
    expect(server.disconnectReasons()).not.toContain('ping timeout');
  });
});

describe.skipIf(!mosquitto.isAvailable)('fan-out with --protocol mqtt against mosquitto', () => {
  it('every client connects and subscribes to the topic; PUBLISHed numbered messages reach every subscriber once and in order', async () => {
    const broker = await startMosquitto();
    peers.push(broker);
    const report = await fanoutReport(broker.url, { clients: 4, senders: 1, messages: 20, ratePerSecond: 20, protocol: 'mqtt', channel: 'frameline/fanout', settleMs: 500, drainMs: 2_000 });
    expectEveryDelivery(report, 4, 3 * 20);
    expect(broker.logs()).toMatch(/Received SUBSCRIBE from frameline-fanout-/);
    expect(broker.logs()).toMatch(/Received PUBLISH from frameline-fanout-[^ ]+ \(d0, q0, r0, m0, 'frameline\/fanout'/);
  });
});

describe('fan-out with --protocol signalr', () => {
  it("the stand-in hub speaks SignalR as Microsoft's client reads it: a Broadcast invocation comes back as ReceiveMessage", async () => {
    const hub = await startSignalrHubServer();
    peers.push(hub);
    const connection = new HubConnectionBuilder()
      .withUrl(hub.url.replace(/^ws:/, 'http:'), { skipNegotiation: true, transport: HttpTransportType.WebSockets })
      .configureLogging(LogLevel.None)
      .build();
    const heard = new Promise<unknown[]>((resolve) => connection.on('ReceiveMessage', (...args: unknown[]) => resolve(args)));
    await connection.start();
    await connection.send('Broadcast', { seq: 1 });
    expect(await heard).toEqual([{ seq: 1 }]);
    await connection.stop();
  });

  it('every client opens with the hub handshake, senders invoke the hub method, and every invocation the hub sends is counted from its arguments', async () => {
    const hub = await startSignalrHubServer();
    peers.push(hub);
    const report = await fanoutReport(hub.url, { clients: 5, senders: 2, messages: 25, ratePerSecond: 25, protocol: 'signalr', channel: 'Broadcast', settleMs: 300, drainMs: 2_000 });
    expectEveryDelivery(report, 5, 4 * 50);
    expect(report.sent).toBe(50);
    expect(hub.connections()).toBe(5);
    expect(hub.logs()).toContain('[hub] handshake {"protocol":"json","version":1}');
  });

  it("a hub that refuses the handshake: each client reports the hub's error and sends nothing", async () => {
    const hub = await startSignalrHubServer({ refusal: 'Hub is closed for maintenance.' });
    peers.push(hub);
    const report = await fanoutReport(hub.url, { clients: 2, senders: 1, messages: 3, ratePerSecond: 10, protocol: 'signalr', channel: 'Broadcast', settleMs: 100, drainMs: 500 });
    // The WebSocket opened; the hub protocol failed, which each client says.
    expect(report.totals).toMatchObject({ opened: 2, delivered: 0 });
    for (const client of report.clients) {
      expect(client.failure).toBe('the SignalR hub refused the handshake: Hub is closed for maintenance.');
      expect(client.timeline.map((event) => event.kind)).toEqual(['dial', 'open', 'failed']);
    }
    expect(report.sent).toBe(0);
  });
});
