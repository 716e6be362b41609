import { afterEach, describe, expect, it } from 'vitest';
import { startPythonWs } from '../../harness/python-ws.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { connectWs } from '../../harness/ws-client.js';

const python = requirePeer('python-websockets');

const peers: RunningPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

describe.skipIf(!python.isAvailable)('python3-websockets peer', () => {
  it('sends the configured messages compressed, then echoes', async () => {
    const payload = Buffer.from(Array.from({ length: 5000 }, (_, index) => index % 7));
    const server = await startPythonWs({ messagesOnConnect: ['hello from python', payload] });
    peers.push(server);
    const client = await connectWs(server.url, { perMessageDeflate: true });
    expect(client.responseHeaders['sec-websocket-extensions']).toMatch(/^permessage-deflate/);
    const [text, binary] = await client.nextMessages(2);
    expect(text).toEqual({ data: Buffer.from('hello from python'), isBinary: false });
    expect(binary).toEqual({ data: payload, isBinary: true });
    client.socket.send('echo me');
    expect((await client.nextMessages())[0]?.data.toString()).toBe('echo me');
    client.socket.close();
  });

  it('negotiates no context takeover when asked', async () => {
    const server = await startPythonWs({ perMessageDeflate: { serverNoContextTakeover: true, clientNoContextTakeover: true } });
    peers.push(server);
    const client = await connectWs(server.url, { perMessageDeflate: true });
    expect(client.responseHeaders['sec-websocket-extensions']).toContain('server_no_context_takeover');
    expect(client.responseHeaders['sec-websocket-extensions']).toContain('client_no_context_takeover');
    client.socket.close();
  });

  it('can run without permessage-deflate', async () => {
    const server = await startPythonWs({ perMessageDeflate: false });
    peers.push(server);
    const client = await connectWs(server.url, { perMessageDeflate: true });
    expect(client.responseHeaders['sec-websocket-extensions']).toBeUndefined();
    client.socket.close();
  });
});
