import { afterEach, describe, expect, it } from 'vitest';
import type { RunningPeer } from '../../harness/running-peer.js';
import { connectWs } from '../../harness/ws-client.js';
import { startWsServer } from '../../harness/ws-server.js';

const peers: RunningPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

describe('ws server peer', () => {
  it('echoes text and binary messages', async () => {
    const server = await startWsServer();
    peers.push(server);
    const client = await connectWs(server.url);
    client.socket.send('hello');
    client.socket.send(Buffer.from([0, 1, 2, 255]));
    const [text, binary] = await client.nextMessages(2);
    expect(text).toEqual({ data: Buffer.from('hello'), isBinary: false });
    expect(binary).toEqual({ data: Buffer.from([0, 1, 2, 255]), isBinary: true });
    expect(server.upgradeRequests()[0]?.method).toBe('GET');
    client.socket.close();
  });

  it('negotiates permessage-deflate when enabled', async () => {
    const server = await startWsServer({ perMessageDeflate: true });
    peers.push(server);
    const client = await connectWs(server.url, { perMessageDeflate: true });
    expect(client.socket.extensions).toContain('permessage-deflate');
    client.socket.send('x'.repeat(10_000));
    const [echo] = await client.nextMessages();
    expect(echo?.data.toString()).toBe('x'.repeat(10_000));
    client.socket.close();
  });

  it('pings every interval', async () => {
    const server = await startWsServer({ pingIntervalMs: 50 });
    peers.push(server);
    const client = await connectWs(server.url);
    const pings = await new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      client.socket.on('ping', (data: Buffer) => {
        seen.push(data.toString());
        if (seen.length === 2) resolve(seen);
      });
    });
    expect(pings).toEqual(['1', '2']);
    client.socket.close();
  });

  it('closes with the configured code and reason after a message', async () => {
    const server = await startWsServer({ closeAfterMessage: { closeCode: 4001, reason: 'bye' }, isEcho: false });
    peers.push(server);
    const client = await connectWs(server.url);
    client.socket.send('trigger');
    expect(await client.closed()).toEqual({ code: 4001, reason: 'bye' });
  });

  it('sends messages on connect', async () => {
    const server = await startWsServer({ messagesOnConnect: ['first', Buffer.from([9])] });
    peers.push(server);
    const client = await connectWs(server.url);
    const messages = await client.nextMessages(2);
    expect(messages.map((message) => message.data)).toEqual([Buffer.from('first'), Buffer.from([9])]);
    client.socket.close();
  });

  it("answers a plain GET with ws's own 426", async () => {
    const server = await startWsServer();
    peers.push(server);
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(response.status).toBe(426);
    await response.text();
  });

});
