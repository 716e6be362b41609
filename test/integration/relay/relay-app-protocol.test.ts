import { describe, expect, it } from 'vitest';
import { eventuallyTrue } from '../../harness/eventually.js';
import { useRelayTestBed } from '../../harness/relay-fixture.js';
import { frameText, legFrames } from '../../harness/relay-records.js';
import { startSocketIoServer } from '../../harness/socket-io-server.js';
import { connectWs } from '../../harness/ws-client.js';

describe('breakpoints on application-protocol events', () => {
  const bed = useRelayTestBed();

  it('a Socket.IO event name pauses that event only; forwarded, the real server answers it', async () => {
    const server = await bed.track(startSocketIoServer({ version: 4, pingIntervalMs: 60_000, pingTimeoutMs: 60_000 }));
    const origin = new URL(server.url);
    const relay = await bed.startRelay(`ws://127.0.0.1:${origin.port}`, { interception: { breakpoints: [{ id: 'chat', match: { event: 'chat:message' } }] } });
    const client = await connectWs(`${relay.address.url.replace(/\/$/, '')}${origin.pathname}${origin.search}`);
    const session = await relay.nextSession();
    expect((await client.nextMessages(1))[0]?.data.toString()).toMatch(/^0\{"sid"/);
    client.socket.send('40');
    expect((await client.nextMessages(1))[0]?.data.toString()).toMatch(/^40\{"sid"/);
    client.socket.send('42["other:event","not paused"]');
    client.socket.send('42["chat:message","paused by its name"]');
    await eventuallyTrue(() => session.pausedMessages().length === 1, 'the chat:message to pause');
    expect(session.pausedMessages()[0]?.preview).toBe('42["chat:message","paused by its name"]');
    await eventuallyTrue(() => legFrames(session, 'server', 'out').some((frame) => frameText(frame).includes('other:event')), 'the other event to pass');
    expect(legFrames(session, 'server', 'out').map(frameText)).not.toContain('42["chat:message","paused by its name"]');
    session.resolve(session.pausedMessages()[0]!.pausedId, { kind: 'forward' });
    expect((await client.nextMessages(1))[0]?.data.toString()).toBe('42["chat:echo","paused by its name"]');
    client.socket.close();
  });
});
