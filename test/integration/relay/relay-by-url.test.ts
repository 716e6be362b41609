import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { eventuallyTrue } from '../../harness/eventually.js';
import { useRelayTestBed } from '../../harness/relay-fixture.js';
import { frameText, legFrames } from '../../harness/relay-records.js';
import { connectWs } from '../../harness/ws-client.js';
import { startWsServer } from '../../harness/ws-server.js';

describe('relay by URL, against the ws server', () => {
  const bed = useRelayTestBed();

  it('carries messages both ways; all four legs are recorded and each frame links to its counterpart', async () => {
    const upstream = await bed.track(startWsServer());
    const relay = await bed.startRelay(upstream.url);
    const client = await connectWs(relay.address.url);
    const session = await relay.nextSession();
    client.socket.send('hello through the relay');
    expect((await client.nextMessages(1))[0]?.data.toString()).toBe('hello through the relay');
    client.socket.close(1000, 'done');
    expect(await client.closed()).toEqual({ code: 1000, reason: 'done' });
    await session.ended;
    const toRelay = legFrames(session, 'client', 'out');
    const toServer = legFrames(session, 'server', 'out');
    const fromServer = legFrames(session, 'server', 'in');
    const toClient = legFrames(session, 'client', 'in');
    expect(toRelay.map(frameText)[0]).toBe('hello through the relay');
    expect(toServer.map(frameText)[0]).toBe('hello through the relay');
    expect(fromServer.map(frameText)[0]).toBe('hello through the relay');
    expect(toClient.map(frameText)[0]).toBe('hello through the relay');
    expect([toServer[0]?.link, toRelay[0]?.link]).toEqual([toRelay[0]?.seq, toServer[0]?.seq]);
    expect([toClient[0]?.link, fromServer[0]?.link]).toEqual([fromServer[0]?.seq, toClient[0]?.seq]);
    // Re-masked by the relay's own client role: a fresh key, not the client's.
    expect(toServer[0]?.masked).toBe(true);
    expect(toServer[0]?.maskingKey).not.toBe(toRelay[0]?.maskingKey);
    // The close went through too, and was answered by the server, not by the relay.
    expect(toServer.at(-1)).toMatchObject({ opcode: 8, closeCode: 1000 });
    expect(toClient.at(-1)).toMatchObject({ opcode: 8, closeCode: 1000 });
    expect(toClient.at(-1)?.link).toBe(fromServer.at(-1)?.seq);
    expect(upstream.receivedMessages().map((message) => message.data.toString())).toEqual(['hello through the relay']);
    await eventuallyTrue(() => session.state === 'closed', 'the session to close');
    expect(session.closed).toMatchObject({ by: 'client', how: 'close-frame', closeCode: 1000 });
  });
});

describe('the relay\'s own connection upstream takes the connection settings', () => {
  const bed = useRelayTestBed();

  it('HTTP/1.0, connect-to, and headers added or replacing the client\'s; the client\'s own headers and subprotocol go on', async () => {
    const upstream = await bed.track(startWsServer({ protocols: ['chat.v2'] }));
    const relay = await bed.startRelay(`ws://app.test:${upstream.port}/feed`, {
      connection: { httpVersion: '1.0', connectTo: { host: '127.0.0.1', port: upstream.port }, headers: [['Origin', 'http://override.test'], ['X-Relay', 'yes']] },
    });
    const client = new WebSocket(relay.address.url, ['chat.v2'], { headers: { 'X-Client': 'kept', Origin: 'http://client.test' } });
    await new Promise((resolve, reject) => {
      client.once('open', resolve);
      client.once('error', reject);
    });
    // The server's choice reached the client through the relay's answer.
    expect(client.protocol).toBe('chat.v2');
    await eventuallyTrue(() => upstream.upgradeRequests().length === 1, 'the upgrade at the server');
    const request = upstream.upgradeRequests()[0]!;
    const headers = new Map<string, string>();
    for (let index = 0; index < request.rawHeaders.length; index += 2) headers.set(request.rawHeaders[index]!.toLowerCase(), request.rawHeaders[index + 1]!);
    expect([request.httpVersion, request.url]).toEqual(['1.0', '/feed']);
    expect([headers.get('host'), headers.get('origin'), headers.get('x-relay'), headers.get('x-client'), headers.get('sec-websocket-protocol')]).toEqual([`app.test:${upstream.port}`, 'http://override.test', 'yes', 'kept', 'chat.v2']);
    client.close();
  });
});
