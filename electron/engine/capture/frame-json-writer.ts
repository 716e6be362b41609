import { asciiBytes, type ByteOutput } from './byte-output.js';
import { base64Bytes, maxNumberBytes, putBase64, putBase64Of, putBytes, putHex, putNumber, putWords, wordConstant } from './byte-put.js';
import type { CapturedFrame } from './captured-record.js';
import { scratchPayloadSpan } from './frame-scratch.js';
import { frameTailWriter } from './frame-json-tail.js';

// The two short constants before the first numbers go out as words (putWords), the rest by copy.
const frameStart = wordConstant(asciiBytes('{"kind":"frame","seq":'));
const atMicrosKey = wordConstant(asciiBytes(',"atMicros":'));
const quoteAndPayloadLengthKey = asciiBytes('","payloadLength":');
const headerBytesKey = asciiBytes(',"headerBytes":"');
const payloadKey = asciiBytes('","payload":"');
const truncatedAndMessageIdKey = [asciiBytes('","payloadTruncated":false,"messageId":'), asciiBytes('","payloadTruncated":true,"messageId":')];
const fragments = ['whole', 'first', 'middle', 'last'] as const;
type Fragment = CapturedFrame['fragment'];
const fragmentValues = byFragment((fragment) => `,"fragment":"${fragment}"`);
// A frame with none of the optional fields (nearly every frame) ends in one piece after its message id.
const plainEnds = byFragment((fragment) => `,"fragment":"${fragment}","violations":[]}`);
const plainEndLines = byFragment((fragment) => `,"fragment":"${fragment}","violations":[]}\n`);
const writeTail = frameTailWriter('');
const inflatedKey = asciiBytes(',"inflatedPayload":"');
const quote = asciiBytes('"');
const lineBreak = asciiBytes('\n');

function byFragment(text: (fragment: Fragment) => string): Record<Fragment, Uint8Array> {
  return Object.fromEntries(fragments.map((fragment) => [fragment, asciiBytes(text(fragment))])) as Record<Fragment, Uint8Array>;
}

// Direction, the four header bits, opcode, masked and the masking key's start: `bits` is
// direction (16), fin (8), rsv1 (4), rsv2 (2), rsv3 (1); an opcode of -1 leaves the opcode's value
// out (written as a number after it). Without a key the text runs on to the payload length's key;
// with one it stops at the key's opening quote.
function headerFieldsText(bits: number, opcode: number, isMasked: boolean, hasKey: boolean): string {
  const head = `,"direction":"${bits & 16 ? 'in' : 'out'}","fin":${(bits & 8) !== 0},"rsv1":${(bits & 4) !== 0},"rsv2":${(bits & 2) !== 0},"rsv3":${(bits & 1) !== 0},"opcode":`;
  return opcode < 0 ? head : `${head}${opcode}${maskedText(isMasked, hasKey)}`;
}

function maskedText(isMasked: boolean, hasKey: boolean): string {
  return `,"masked":${isMasked},"maskingKey":${hasKey ? '"' : 'null,"payloadLength":'}`;
}

// One piece per combination of bits, opcode (0–15), masked and key, built on first use.
const headerFields: (Uint8Array | undefined)[] = new Array(2048);
const headerFieldsUpToOpcode = Array.from({ length: 32 }, (_, bits) => asciiBytes(headerFieldsText(bits, -1, false, false)));
const maskedAfterOpcode = [false, true].flatMap((isMasked) => [false, true].map((hasKey) => asciiBytes(maskedText(isMasked, hasKey))));

// An unmasked frame under 126 bytes with its canonical 2-byte header (every frame of a server's
// flood of small messages): everything from the direction to the payload's opening quote follows
// from the direction and the two header bytes, so it is one piece, built on first use. At most
// this many are kept (a flood meets a few); past it the fields are written one by one.
const maxShortFramePieces = 4096;
const shortFramePieces = new Map<number, Uint8Array>();

// The most bytes a line holds besides its numbers, base64 and optional fields, with room for an
// opcode outside 0–15 written as a number.
const fixedLineBytes =
  3 +
  frameStart.length +
  atMicrosKey.length +
  headerFieldsText(0, 15, false, false).length +
  8 +
  quoteAndPayloadLengthKey.length +
  headerBytesKey.length +
  payloadKey.length +
  (truncatedAndMessageIdKey[0] as Uint8Array).length +
  (plainEndLines.middle as Uint8Array).length +
  inflatedKey.length +
  quote.length;
const numberFields = 5;

/**
 * Writes the bytes of `JSON.stringify(frameJson(frame))` (record-json.ts) to `out`, and a line
 * break after them when `isLine`, without making that object or string: the native file and
 * `--json` write one such line per frame (property-tested to be the same bytes). Room for the
 * whole line is reserved once; the fixed text between the numbers is one piece per combination
 * of the fields it depends on.
 */
export function writeFrameJson(out: ByteOutput, frame: CapturedFrame, isLine = false): void {
  const { headerBytes, inflatedPayload } = frame;
  // A scratch's frame from the log: its payload is read where it lies, without a view (frame-scratch.ts).
  const span = scratchPayloadSpan(frame);
  const payload = span === null ? frame.payload : span.slab;
  const payloadStart = span === null ? 0 : span.start;
  const payloadEnd = span === null ? payload.length : span.end;
  const inflatedBytes = inflatedPayload === undefined ? 0 : base64Bytes(inflatedPayload.length);
  const target = out.room(fixedLineBytes + numberFields * maxNumberBytes + base64Bytes(headerBytes.length) + base64Bytes(payloadEnd - payloadStart) + inflatedBytes);
  const view = out.view;
  let at = putWords(view, out.length, frameStart);
  at = putNumber(target, at, frame.seq);
  at = putWords(view, at, atMicrosKey);
  at = putNumber(target, at, frame.atMicros);
  const shortPiece = shortFramePiece(frame);
  at = shortPiece === undefined ? putHeaderFields(target, view, at, frame) : putBytes(target, at, shortPiece);
  at = putBase64Of(view, at, payload, payloadStart, payloadEnd);
  at = putBytes(target, at, truncatedAndMessageIdKey[frame.payloadTruncated ? 1 : 0] as Uint8Array);
  at = putNumber(target, at, frame.messageId);
  if (inflatedPayload === undefined && hasPlainTail(frame)) return out.advance(putBytes(target, at, (isLine ? plainEndLines : plainEnds)[frame.fragment]));
  at = putBytes(target, at, fragmentValues[frame.fragment]);
  if (inflatedPayload !== undefined) {
    at = putBytes(target, at, inflatedKey);
    at = putBase64(view, at, inflatedPayload);
    at = putBytes(target, at, quote);
  }
  out.advance(at);
  writeTail(out, frame);
  if (isLine) out.constant(lineBreak);
}

// Every field from the direction to the payload's opening quote, one by one.
function putHeaderFields(target: Buffer, view: DataView, at: number, frame: CapturedFrame): number {
  const bits = headerBits(frame);
  const opcode = frame.opcode;
  const maskingKey = frame.maskingKey;
  const hasKey = maskingKey !== null;
  if ((opcode & 15) !== opcode) {
    at = putBytes(target, at, headerFieldsUpToOpcode[bits] as Uint8Array);
    at = putNumber(target, at, opcode);
    at = putBytes(target, at, maskedAfterOpcode[(frame.masked ? 2 : 0) | (hasKey ? 1 : 0)] as Uint8Array);
  } else {
    const index = (bits << 6) | (opcode << 2) | (frame.masked ? 2 : 0) | (hasKey ? 1 : 0);
    at = putBytes(target, at, headerFields[index] ?? (headerFields[index] = asciiBytes(headerFieldsText(bits, opcode, frame.masked, hasKey))));
  }
  if (hasKey) {
    at = putHex(target, at, maskingKey);
    at = putBytes(target, at, quoteAndPayloadLengthKey);
  }
  at = putNumber(target, at, frame.payloadLength);
  at = putBytes(target, at, headerBytesKey);
  at = putBase64(view, at, frame.headerBytes);
  return putBytes(target, at, payloadKey);
}

// The piece for an unmasked frame under 126 bytes whose 2-byte header says exactly what its
// fields say (§5.2: FIN, RSV1–3 and opcode in the first byte, MASK and length in the second).
function shortFramePiece(frame: CapturedFrame): Uint8Array | undefined {
  const header = frame.headerBytes;
  const opcode = frame.opcode;
  if (header.length !== 2 || frame.masked || frame.maskingKey !== null || (opcode & 15) !== opcode) return undefined;
  const bits = headerBits(frame);
  const first = ((bits & 15) << 4) | opcode;
  const length = frame.payloadLength;
  if (header[0] !== first || header[1] !== length || length >= 126) return undefined;
  const key = (bits << 11) | (opcode << 7) | length;
  const known = shortFramePieces.get(key);
  if (known !== undefined || shortFramePieces.size >= maxShortFramePieces) return known;
  const text = `${headerFieldsText(bits, opcode, false, false)}${length},"headerBytes":"${Buffer.from(header).toString('base64')}","payload":"`;
  const piece = asciiBytes(text);
  shortFramePieces.set(key, piece);
  return piece;
}

// Direction (16), fin (8), rsv1 (4), rsv2 (2), rsv3 (1).
function headerBits(frame: CapturedFrame): number {
  return (frame.direction === 'in' ? 16 : 0) | (frame.fin ? 8 : 0) | (frame.rsv1 ? 4 : 0) | (frame.rsv2 ? 2 : 0) | (frame.rsv3 ? 1 : 0);
}

// True when the frame has none of the fields frame-json-tail.ts writes after the fragment.
function hasPlainTail(frame: CapturedFrame): boolean {
  return frame.closeCode === undefined && frame.closeReason === undefined && frame.rttMicros === undefined && frame.violations.length === 0 && !frame.redacted && frame.leg === undefined && frame.link === undefined;
}
