import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamInflater } from '../../../electron/engine/deflate/stream-inflater.js';
import type { DecodedItem } from '../../../shared/protocol/decoded-item.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import type { FrameRecord } from '../../../shared/protocol/frame-record.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { clientCodecParams, negotiateDeflate } from '../../../shared/protocol/permessage-deflate.js';
import { startPythonWs } from '../../harness/python-ws.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startWsServer } from '../../harness/ws-server.js';
import { captureServerBytes, type RawCapture } from './raw-capture.js';

const python = requirePeer('python-websockets');

/** A message as the server was asked to send it: text or binary, and its bytes. */
interface SentMessage {
  readonly opcode: number;
  readonly bytes: Buffer;
}

const json = JSON.stringify({ event: 'tick', values: Array.from({ length: 30 }, (_, index) => index * 3) });
// Lengths in every encoding class (§5.2: 7-bit, 16-bit, 64-bit), empty, multi-byte UTF-8,
// repeats (context takeover refers back into them) and one message longer than the 32 KiB window.
const messages: ReadonlyArray<string | Uint8Array> = [
  'hello',
  '',
  'héllo wörld 😀 — ✓',
  Uint8Array.from({ length: 256 }, (_, index) => index),
  'x'.repeat(200),
  json,
  json,
  Uint8Array.from({ length: 70_000 }, (_, index) => (index * 31) % 251),
  json,
  'the end',
];
const expected: SentMessage[] = messages.map((message) =>
  typeof message === 'string' ? { opcode: Opcode.text, bytes: Buffer.from(message) } : { opcode: Opcode.binary, bytes: Buffer.from(message) },
);

let peer: RunningPeer | undefined;
afterEach(async () => {
  await peer?.stop();
  peer = undefined;
});

/** Decodes the stream split at `cuts` with a fresh decoder (and fresh inflater: context takeover is state). */
function decode(capture: RawCapture, cuts: readonly number[], requestExtensions: string | undefined): DecodedItem[] {
  const agreement = requestExtensions
    ? negotiateDeflate([['Sec-WebSocket-Extensions', requestExtensions]], capture.responseHeaders)
    : null;
  if (agreement && !agreement.ok) throw new Error(`bad deflate response: ${agreement.message.key}`);
  const codec = agreement ? clientCodecParams(agreement.agreement) : null;
  const decoder = new FrameDecoder({
    role: 'server',
    mode: 'strict',
    payloadRetentionBytes: 1 << 24,
    negotiatedExtensions: codec ? ['permessage-deflate'] : [],
    ...(codec ? { inflater: new StreamInflater(codec.inflate) } : {}),
  });
  const points = [...new Set(cuts)].filter((cut) => cut > 0 && cut < capture.stream.length).sort((a, b) => a - b);
  const items: DecodedItem[] = [];
  let start = 0;
  for (const [index, cut] of [...points, capture.stream.length].entries()) {
    items.push(...decoder.push(new Uint8Array(capture.stream.subarray(start, cut)), index));
    start = cut;
  }
  items.push(...decoder.finish(points.length + 1));
  return items;
}

/** Data messages reassembled from frame records (inflated when compressed), then the close frame. */
function messagesOf(items: readonly DecodedItem[]): { data: SentMessage[]; closeCodes: Array<number | undefined> } {
  const frames = items.filter((item): item is FrameRecord => item.kind === 'frame');
  const other = items.filter((item) => item.kind !== 'frame');
  if (other.length > 0) throw new Error(`not only frames: ${JSON.stringify(other)}`);
  const violations = frames.flatMap((frame) => frame.violations.map((violation) => violation.rule));
  if (violations.length > 0) throw new Error(`violations: ${violations.join(', ')}`);
  const data: SentMessage[] = [];
  let pending: { opcode: number; parts: Uint8Array[] } | null = null;
  for (const frame of frames) {
    if (frame.opcode >= 8) continue;
    if (frame.opcode !== Opcode.continuation) pending = { opcode: frame.opcode, parts: [] };
    pending!.parts.push(frame.payload);
    if (!frame.fin) continue;
    const bytes = frame.inflatedPayload ?? Buffer.concat(pending!.parts);
    data.push({ opcode: pending!.opcode, bytes: Buffer.from(bytes) });
    pending = null;
  }
  return { data, closeCodes: frames.filter((frame) => frame.opcode === Opcode.close).map((frame) => frame.closeCode) };
}

/** Random split points, with runs of tiny chunks so headers get cut inside too. */
const cutsArbitrary = (length: number) =>
  fc.oneof(
    fc.array(fc.integer({ min: 1, max: length - 1 }), { maxLength: 60 }),
    fc.integer({ min: 0, max: length - 40 }).map((from) => Array.from({ length: 40 }, (_, index) => from + index)),
  );

function expectDecodesToSent(capture: RawCapture, requestExtensions?: string): void {
  const whole = messagesOf(decode(capture, [], requestExtensions));
  expect(whole.data.map((message) => message.opcode)).toEqual(expected.map((message) => message.opcode));
  expect(whole.data.map((message) => message.bytes.toString('hex'))).toEqual(expected.map((message) => message.bytes.toString('hex')));
  expect(whole.closeCodes).toEqual([1000]);
  fc.assert(
    fc.property(cutsArbitrary(capture.stream.length), (cuts) => {
      const split = messagesOf(decode(capture, cuts, requestExtensions));
      expect(split.data.length).toBe(expected.length);
      split.data.forEach((message, index) => {
        expect(message.opcode).toBe(expected[index]!.opcode);
        expect(message.bytes.equals(expected[index]!.bytes)).toBe(true);
      });
      expect(split.closeCodes).toEqual([1000]);
    }),
    { numRuns: 40 },
  );
}

describe('real traffic: bytes written by real servers decode to exactly the messages they sent, however split', () => {
  it('the ws server, no extension', async () => {
    peer = await startWsServer({ isEcho: false, messagesOnConnect: messages });
    const capture = await captureServerBytes({ port: peer.port });
    expectDecodesToSent(capture);
  });

  it('the ws server with permessage-deflate (context takeover)', async () => {
    peer = await startWsServer({ isEcho: false, messagesOnConnect: messages, perMessageDeflate: { threshold: 0 } });
    const offer = 'permessage-deflate; client_max_window_bits';
    const capture = await captureServerBytes({ port: peer.port, extensions: offer });
    expect(capture.responseHeaders.some(([name, value]) => name.toLowerCase() === 'sec-websocket-extensions' && value.startsWith('permessage-deflate'))).toBe(true);
    expectDecodesToSent(capture, offer);
  });

  describe.skipIf(!python.isAvailable)('python3-websockets with permessage-deflate', () => {
    for (const takeover of [true, false]) {
      it(`context takeover ${takeover ? 'on' : 'off'}`, async () => {
        peer = await startPythonWs({ messagesOnConnect: messages, perMessageDeflate: takeover ? true : { serverNoContextTakeover: true } });
        const offer = 'permessage-deflate; client_max_window_bits';
        const capture = await captureServerBytes({ port: peer.port, extensions: offer });
        const accepted = capture.responseHeaders.find(([name]) => name.toLowerCase() === 'sec-websocket-extensions')?.[1] ?? '';
        expect(accepted).toMatch(/^permessage-deflate/);
        expect(/server_no_context_takeover/.test(accepted)).toBe(!takeover);
        expectDecodesToSent(capture, offer);
        // Compressed on the wire: the stream is much shorter than the plaintext it carries.
        expect(capture.stream.length).toBeLessThan(expected.reduce((sum, message) => sum + message.bytes.length, 0) / 2);
      });
    }
  });
});
