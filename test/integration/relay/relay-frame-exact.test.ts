import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { eventuallyTrue } from '../../harness/eventually.js';
import { useRelayTestBed } from '../../harness/relay-fixture.js';
import { legFrames } from '../../harness/relay-records.js';
import { openRawClient, startRawServer } from './raw-peers.js';

const text = (value: string) => new TextEncoder().encode(value);
const key = (a: number) => Uint8Array.of(a, a + 1, a + 2, a + 3);

/** What a frame looks like without its masking: what a relay must keep. */
function shape(frame: { opcode: number; fin: boolean; rsv1: boolean; payload: Uint8Array; headerBytes: Uint8Array; masked: boolean }) {
  return { opcode: frame.opcode, fin: frame.fin, rsv1: frame.rsv1, masked: frame.masked, payload: new TextDecoder().decode(frame.payload), lengthByte: (frame.headerBytes[1] ?? 0) & 0x7f };
}

describe('frame-exact relay, checked on a raw server and a raw client', () => {
  const bed = useRelayTestBed();

  it('a fragmented message with a ping between its fragments arrives with its fragmentation and the ping in place, masked afresh', async () => {
    const server = await bed.track(startRawServer());
    const relay = await bed.startRelay(`ws://127.0.0.1:${server.port}/`);
    const client = await openRawClient(relay.address.port);
    expect(client.status).toBe(101);
    await server.connected();
    const sent = [
      encodeFrame({ opcode: 1, fin: false, payload: text('Hel'), maskingKey: key(1) }),
      encodeFrame({ opcode: 9, payload: text('ping in the middle'), maskingKey: key(5) }),
      encodeFrame({ opcode: 0, fin: true, payload: text('lo'), maskingKey: key(9) }),
      // A needlessly long length form (16-bit for 1 byte) is a quirk the relay keeps, not fixes.
      encodeFrame({ opcode: 2, payload: text('x'), maskingKey: key(13), lengthForm: '16-bit' }),
    ];
    for (const frame of sent) client.write(frame);
    await eventuallyTrue(() => server.frames().length === 4, 'four frames at the server');
    const arrived = server.frames();
    expect(arrived.map(shape)).toEqual([
      { opcode: 1, fin: false, rsv1: false, masked: true, payload: 'Hel', lengthByte: 3 },
      { opcode: 9, fin: true, rsv1: false, masked: true, payload: 'ping in the middle', lengthByte: 18 },
      { opcode: 0, fin: true, rsv1: false, masked: true, payload: 'lo', lengthByte: 2 },
      { opcode: 2, fin: true, rsv1: false, masked: true, payload: 'x', lengthByte: 126 },
    ]);
    // The relay's client role draws its own keys (§5.3).
    expect(arrived.map((frame) => Buffer.from(frame.maskingKey!).toString('hex'))).not.toContain(Buffer.from(key(1)).toString('hex'));

    // And the other way: the server's unmasked frames reach the client byte for byte.
    const fromServer = Buffer.concat([
      encodeFrame({ opcode: 2, fin: false, payload: Uint8Array.of(0, 1) }),
      encodeFrame({ opcode: 10, payload: text('unsolicited pong') }),
      encodeFrame({ opcode: 0, fin: false, payload: Uint8Array.of(2) }),
      encodeFrame({ opcode: 0, fin: true, payload: Uint8Array.of(3, 4, 5), rsv3: false }),
    ]);
    server.write(fromServer);
    await eventuallyTrue(() => client.received().length >= fromServer.length, 'the server frames at the client');
    expect(client.received().equals(fromServer)).toBe(true);

    const session = relay.sessions[0]!;
    expect(legFrames(session, 'server', 'out').map((frame) => [frame.opcode, frame.fin, frame.link])).toEqual(legFrames(session, 'client', 'out').map((frame) => [frame.opcode, frame.fin, expect.any(Number)]));
    expect(legFrames(session, 'client', 'in').map((frame) => frame.headerBytes)).toEqual(legFrames(session, 'server', 'in').map((frame) => frame.headerBytes));
    client.socket.destroy();
    await session.ended;
    // The client's cut (no close frame) was passed on as a cut.
    expect(session.closed).toMatchObject({ how: 'fin' });
  });
});
