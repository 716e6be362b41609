import { afterEach, describe, expect, it } from 'vitest';
import { startSocketIoServer, type SocketIoServerPeer } from '../../harness/socket-io-server.js';
import { connectWs } from '../../harness/ws-client.js';
import { frameText, legFrames, startRelay, until, type RelayFixture } from './relay-fixture.js';

describe('breakpoints on application-protocol events', () => {
  let server: SocketIoServerPeer | undefined;
  let relay: RelayFixture | undefined;
  afterEach(async () => {
    await relay?.stop();
    await server?.stop();
    relay = undefined;
    server = undefined;
  });

  it('a Socket.IO event name pauses that event only; forwarded, the real server answers it', async () => {
    server = await startSocketIoServer({ version: 4, pingIntervalMs: 60_000, pingTimeoutMs: 60_000 });
    const origin = new URL(server.url);
    relay = await startRelay(`ws://127.0.0.1:${origin.port}`, { interception: { breakpoints: [{ id: 'chat', match: { event: 'chat:message' } }] } });
    const client = await connectWs(`${relay.address.url.replace(/\/$/, '')}${origin.pathname}${origin.search}`);
    const session = await relay.nextSession();
    expect((await client.nextMessages(1))[0]?.data.toString()).toMatch(/^0\{"sid"/);
    client.socket.send('40');
    expect((await client.nextMessages(1))[0]?.data.toString()).toMatch(/^40\{"sid"/);
    client.socket.send('42["other:event","not paused"]');
    client.socket.send('42["chat:message","paused by its name"]');
    await until(() => session.pausedMessages().length === 1, 'the chat:message to pause');
    expect(session.pausedMessages()[0]?.preview).toBe('42["chat:message","paused by its name"]');
    await until(() => legFrames(session, 'server', 'out').some((frame) => frameText(frame).includes('other:event')), 'the other event to pass');
    expect(legFrames(session, 'server', 'out').map(frameText)).not.toContain('42["chat:message","paused by its name"]');
    session.resolve(session.pausedMessages()[0]!.pausedId, { kind: 'forward' });
    expect((await client.nextMessages(1))[0]?.data.toString()).toBe('42["chat:echo","paused by its name"]');
    client.socket.close();
  });
});
