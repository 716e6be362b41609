import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConnectionCommand } from '../../../shared/connection/connection-command.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import type { FrameDecoderOptions } from '../../../shared/protocol/frame-decoder-options.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { frameStream } from './frame-arbitraries.js';
import type { FrameRecord } from '../../../shared/protocol/frame-record.js';
import { connectionFor } from '../connection/connection-fixtures.js';
import { concat, decodeChunks, framesOf, normalise, splitAt, XorInflater } from './protocol-fixtures.js';

// `payloadViews` lets the live session's capture make the only copy of a payload. These tests show
// that it changes where a record's bytes live and nothing else.

const decoderOptions: fc.Arbitrary<FrameDecoderOptions> = fc.record({
  role: fc.constantFrom('client' as const, 'server' as const),
  mode: fc.constantFrom('observe' as const, 'strict' as const),
  payloadRetentionBytes: fc.constantFrom(0, 7, 64, 65536),
  maxPayloadBytes: fc.constantFrom(50, 1000, 100 * 1024 * 1024),
  negotiatedExtensions: fc.constantFrom([], ['permessage-deflate']),
  inflater: fc.constantFrom(undefined, new XorInflater()),
});

const cutPoints = fc.array(fc.nat({ max: 5000 }), { maxLength: 30 });

/** Items with every byte field as a plain array, so a view and a copy of the same bytes compare equal. */
function plain(items: readonly unknown[]): unknown {
  return JSON.parse(JSON.stringify(items, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value)));
}

/** Every typed array inside the items (a Buffer's toJSON would hide what it is from JSON.stringify). */
function byteFields(value: unknown, found: ArrayBufferView[] = []): ArrayBufferView[] {
  if (ArrayBuffer.isView(value)) found.push(value);
  else if (Array.isArray(value)) for (const item of value) byteFields(item, found);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) byteFields(item, found);
  return found;
}

describe('payload views', () => {
  it('give the same records as copies, for any stream, options and split, and never write into a chunk', () => {
    fc.assert(
      fc.property(frameStream, decoderOptions, cutPoints, (bytes, options, cuts) => {
        const copied = plain(normalise(decodeChunks(splitAt(bytes, cuts), options)));
        const chunks = splitAt(bytes, cuts);
        const before = chunks.map((chunk) => chunk.slice());
        const viewed = plain(normalise(decodeChunks(chunks, { ...options, payloadViews: true })));
        expect(viewed).toEqual(copied);
        expect(chunks).toEqual(before);
      }),
      { numRuns: 400 },
    );
  });

  it('never hand out a Buffer: records from Buffer chunks equal those from plain chunks, every byte field a plain Uint8Array', () => {
    fc.assert(
      fc.property(frameStream, decoderOptions, fc.boolean(), cutPoints, (bytes, options, payloadViews, cuts) => {
        const fromPlain = decodeChunks(splitAt(bytes, cuts), { ...options, payloadViews });
        const fromBuffers = decodeChunks(splitAt(bytes, cuts).map((chunk) => Buffer.from(chunk)), { ...options, payloadViews });
        expect(plain(normalise(fromBuffers))).toEqual(plain(normalise(fromPlain)));
        for (const field of byteFields(fromBuffers)) expect(field.constructor).toBe(Uint8Array);
      }),
      { numRuns: 400 },
    );
  });

  it('copy a Buffer chunk that was all the payload of a frame cut short, and keep a chunk that is a whole payload as a view', () => {
    const header = encodeFrame({ opcode: 2, payload: new Uint8Array(200), fin: true }).subarray(0, 4);
    const half = Buffer.alloc(100, 7);
    for (const payloadViews of [false, true]) {
      const decoder = new FrameDecoder({ role: 'server', payloadViews });
      const items = [...decoder.push(Buffer.from(header), 1), ...decoder.push(half, 2), ...decoder.finish(3)];
      expect(byteFields(items).map((field) => field.constructor)).not.toContain(Buffer);
      expect(framesOf(items)[0]?.payload).toEqual(new Uint8Array(100).fill(7));
    }
    const whole = Buffer.alloc(200, 9);
    const decoder = new FrameDecoder({ role: 'server', payloadViews: true });
    const [frame] = framesOf([...decoder.push(Buffer.from(header), 1), ...decoder.push(whole, 2)]);
    expect(frame?.payload.constructor).toBe(Uint8Array);
    expect(frame?.payload.buffer).toBe(whole.buffer);
  });

  it('leave an unmasked payload inside one chunk in that chunk, and copy it without the option', () => {
    const payload = new Uint8Array(64).fill(0x61);
    const chunk = concat(encodeFrame({ opcode: 1, payload, fin: true }), encodeFrame({ opcode: 2, payload: Uint8Array.of(1, 2), fin: true }));
    const [viewed] = framesOf(new FrameDecoder({ role: 'server', payloadViews: true }).push(chunk, 1));
    const [copied] = framesOf(new FrameDecoder({ role: 'server' }).push(chunk, 1));
    expect(viewed?.payload.buffer).toBe(chunk.buffer);
    expect(copied?.payload.buffer).not.toBe(chunk.buffer);
    expect(viewed?.payload).toEqual(payload);
  });

  it('are not used for masked payloads, which are unmasked into a copy (§5.3)', () => {
    const chunk = encodeFrame({ opcode: 2, payload: Uint8Array.of(1, 2, 3, 4, 5), fin: true, maskingKey: Uint8Array.of(9, 8, 7, 6) });
    const [frame] = framesOf(new FrameDecoder({ role: 'client', payloadViews: true }).push(chunk, 1));
    expect(frame?.payload.buffer).not.toBe(chunk.buffer);
    expect(Array.from(frame?.payload ?? [])).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('a connection with payloadViews', () => {
  const received = (commands: readonly ConnectionCommand[]): FrameRecord[] =>
    commands.flatMap((command) => (command.type === 'record' && command.record.kind === 'frame' ? [command.record.frame] : []));

  it('hands received payloads over as views of the read chunk', () => {
    const connection = connectionFor('client', { payloadViews: true });
    connection.start(0);
    const chunk = encodeFrame({ opcode: 1, payload: new Uint8Array(30).fill(0x62), fin: true });
    expect(received(connection.receive(chunk, 1))[0]?.payload.buffer).toBe(chunk.buffer);
  });

  it('gives each completed message a copy of its own when it reports messages, which outlive the read', () => {
    const withViews = connectionFor('client', { payloadViews: true, reportsMessages: true });
    const withCopies = connectionFor('client', { reportsMessages: true });
    withViews.start(0);
    withCopies.start(0);
    const chunk = encodeFrame({ opcode: 1, payload: new Uint8Array(30).fill(0x62), fin: true });
    const commands = withViews.receive(chunk, 1);
    expect(received(commands)[0]?.payload.buffer).toBe(chunk.buffer);
    const message = commands.find((command) => command.type === 'message');
    expect(message?.type === 'message' && message.message.payload.buffer).not.toBe(chunk.buffer);
    const messageOf = (all: readonly ConnectionCommand[]): unknown => plain(all.filter((command) => command.type === 'message'));
    expect(messageOf(commands)).toEqual(messageOf(withCopies.receive(chunk.slice(), 1)));
  });
});
