import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { eventuallyTrue } from '../../harness/eventually.js';
import { useRelayTestBed } from '../../harness/relay-fixture.js';
import { startWsServer } from '../../harness/ws-server.js';
import { decodeFrames, openRawClient } from './raw-peers.js';

const messageCount = 768;
const messageBytes = 64 * 1024;
const maxWriteBufferBytes = 1024 * 1024;
/** A server's header for a 64 KiB payload: 2 bytes and the 64-bit length (§5.2: 65,536 does not fit 16 bits). */
const frameHeaderBytes = 2 + 8;

/** Message i: its number in the first 4 bytes, then i's low byte repeated, so loss, reordering and corruption all show. */
function numbered(index: number): Uint8Array {
  const bytes = new Uint8Array(messageBytes).fill(index & 0xff);
  new DataView(bytes.buffer).setUint32(0, index);
  return bytes;
}

describe('back-pressure: a fast server and a slow client', () => {
  const bed = useRelayTestBed();

  it('while the client does not read, the relay stops reading the server and holds at most its write buffer; then every message arrives, in order', async () => {
    // 48 MiB, more than the kernel's loopback buffers on both connections can hide.
    const upstream = await bed.track(startWsServer({ isEcho: false, messagesOnConnect: Array.from({ length: messageCount }, (_, index) => numbered(index)) }));
    const relay = await bed.startRelay(upstream.url, { maxWriteBufferBytes, storage: { payloadMemoryBudgetBytes: 4 * 1024 * 1024 } });
    const client = await openRawClient(relay.address.port);
    client.socket.pause();
    const session = await relay.nextSession();
    let maxBuffered = 0;
    const sampler = setInterval(() => (maxBuffered = Math.max(maxBuffered, session.backlog().writeBuffered.client)), 5);
    try {
      await eventuallyTrue(() => session.backlog().isReadingPaused.server, 'the relay to stop reading the server', 30_000);
      // Stay paused a while: the buffer must not creep up while nobody reads.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(session.backlog().isReadingPaused.server).toBe(true);
      const bufferedWhilePaused = session.backlog().writeBuffered.client;
      client.socket.resume();
      await eventuallyTrue(() => session.backlog().writeBuffered.client === 0 && !session.backlog().isReadingPaused.server, 'the backlog to drain', 60_000);
      await eventuallyTrue(() => client.received().length >= messageCount * (messageBytes + frameHeaderBytes), 'every message at the client', 60_000);
      expect(bufferedWhilePaused).toBeLessThanOrEqual(maxWriteBufferBytes + 2 * messageBytes);
    } finally {
      clearInterval(sampler);
    }
    // One read's frames can go beyond the mark before reading stops: a message or two, never the stream.
    expect(maxBuffered).toBeLessThanOrEqual(maxWriteBufferBytes + 2 * (messageBytes + 14));
    const frames = decodeFrames(client.received(), 'server');
    expect(frames).toHaveLength(messageCount);
    const wrong = frames.filter((frame, index) => new DataView(frame.payload.buffer, frame.payload.byteOffset).getUint32(0) !== index || frame.payload[messageBytes - 1] !== (index & 0xff));
    expect(wrong).toEqual([]);
    // The capture keeps every payload of both legs (96 MiB) and spills past its budget (plus one 4 MiB slab being filled).
    // Spill writes run on the thread pool, a few slabs at a time: what is in memory is measured once they are done.
    await session.capture.whenSpilled();
    const usage = session.capture.memoryUsage();
    expect([usage.payloadBytesInMemory <= 8 * 1024 * 1024, usage.payloadBytesSpilled > 64 * 1024 * 1024]).toEqual([true, true]);
  });
});

describe('back-pressure behind a paused message', () => {
  const bed = useRelayTestBed();

  it('while a message waits at a breakpoint, what the client sends after it is held up to the budget, then the client is not read; forwarded, it all goes in order', async () => {
    const upstream = await bed.track(startWsServer({ isEcho: false }));
    const maxHeldBytes = 2 * 1024 * 1024;
    const relay = await bed.startRelay(upstream.url, { maxHeldBytes, interception: { breakpoints: [{ id: 'hold', match: { direction: 'out', pattern: '^stop$' } }] } });
    const client = await openRawClient(relay.address.port);
    const session = await relay.nextSession();
    const key = Uint8Array.of(1, 2, 3, 4);
    client.write(encodeFrame({ opcode: 1, payload: new TextEncoder().encode('stop'), maskingKey: key }));
    await eventuallyTrue(() => session.pausedMessages().length === 1, 'the message to pause');
    // 16 MiB behind it, far more than the budget.
    const burst = Array.from({ length: 256 }, (_, index) => encodeFrame({ opcode: 2, payload: numbered(index), maskingKey: key }));
    for (const frame of burst) client.write(frame);
    await eventuallyTrue(() => session.backlog().isReadingPaused.client, 'the relay to stop reading the client', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const held = session.backlog().held.out;
    expect(held).toBeGreaterThan(maxHeldBytes);
    expect(held).toBeLessThanOrEqual(maxHeldBytes + 2 * messageBytes + 64 * 1024);
    expect(upstream.receivedMessages()).toHaveLength(0);
    session.resolve(1, { kind: 'forward' });
    await eventuallyTrue(() => upstream.receivedMessages().length === 257, 'everything at the server', 60_000);
    const received = upstream.receivedMessages();
    expect(received[0]?.data.toString()).toBe('stop');
    const wrong = received.slice(1).filter((message, index) => message.data.readUInt32BE(0) !== index);
    expect(wrong).toEqual([]);
    client.socket.destroy();
  });
});
