import { isUtf8 } from 'node:buffer';
import { asciiBytes, type ByteOutput } from '../byte-output.js';
import { frameTailWriter } from '../frame-json-tail.js';
import type { CapturedFrame } from '../captured-record.js';


/**
 * Tracks the opcode of the message each continuation frame belongs to, so fragments of a text
 * message are written as text too.
 */
export class MessageOpcodes {
  private readonly open = new Map<number, number>();

  /** The data opcode of `frame`'s message (its own opcode for control and unfragmented frames). */
  opcodeOf(frame: Pick<CapturedFrame, 'fragment' | 'opcode' | 'messageId'>): number {
    if (frame.fragment === 'whole') return frame.opcode;
    if (frame.fragment === 'first') this.open.set(frame.messageId, frame.opcode);
    const opcode = this.open.get(frame.messageId) ?? frame.opcode;
    if (frame.fragment === 'last') this.open.delete(frame.messageId);
    return opcode;
  }
}

const sendStart = asciiBytes('{"type":"send","time":');
const receiveStart = asciiBytes('{"type":"receive","time":');
const opcodeKey = asciiBytes(',"opcode":');
const dataKey = asciiBytes(',"data":');
const quote = asciiBytes('"');
const seqKey = asciiBytes(',"_seq":');
const atMicrosKey = asciiBytes(',"_atMicros":');
const encodingKey = { text: asciiBytes(',"_encoding":"text"'), base64: asciiBytes(',"_encoding":"base64"') };
// The four header bits and the mask bit up to the masking key: one constant for each of the 32 combinations.
const bitsAndKey = Array.from({ length: 32 }, (_, bits) =>
  asciiBytes(`,"_fin":${(bits & 16) !== 0},"_rsv1":${(bits & 8) !== 0},"_rsv2":${(bits & 4) !== 0},"_rsv3":${(bits & 2) !== 0},"_masked":${(bits & 1) !== 0},"_maskingKey":`),
);
const nullValue = asciiBytes('null');
const payloadLengthKey = asciiBytes(',"_payloadLength":');
const headerBytesKey = asciiBytes(',"_headerBytes":"');
const inflatedKey = asciiBytes('","_inflated":true,"_payload":"');
const truncatedKey = [asciiBytes('","_payloadTruncated":false,"_messageId":'), asciiBytes('","_payloadTruncated":true,"_messageId":')];
const fragmentValues = { whole: asciiBytes(',"_fragment":"whole"'), first: asciiBytes(',"_fragment":"first"'), middle: asciiBytes(',"_fragment":"middle"'), last: asciiBytes(',"_fragment":"last"') };
const writeTail = frameTailWriter('_');

/**
 * Writes a frame as one entry of Chrome's `_webSocketMessages`: Chrome's four fields (`type`,
 * `time`, `opcode`, `data`: text for text messages, base64 for everything else) first, then every
 * record field Chrome has no place for, underscore-prefixed so Chrome ignores them. Written as
 * bytes directly, one per frame, the same bytes `JSON.stringify` of those fields would give.
 */
export function writeHarMessage(out: ByteOutput, frame: CapturedFrame, epochMicros: number, messageOpcode: number): void {
  const inflated = frame.inflatedPayload;
  const shown = inflated ?? frame.payload;
  const text = messageOpcode === 1 && !(frame.rsv1 && inflated === undefined) ? textBytes(shown) : null;
  out.constant(frame.direction === 'out' ? sendStart : receiveStart);
  out.number((epochMicros + frame.atMicros) / 1e6);
  out.constant(opcodeKey);
  out.number(frame.opcode);
  out.constant(dataKey);
  if (text === null) {
    out.constant(quote);
    out.base64(shown);
    out.constant(quote);
  } else out.jsonStringOfUtf8(text);
  out.constant(seqKey);
  out.number(frame.seq);
  out.constant(atMicrosKey);
  out.number(frame.atMicros);
  out.constant(encodingKey[text === null ? 'base64' : 'text']);
  out.constant(bitsAndKey[(frame.fin ? 16 : 0) | (frame.rsv1 ? 8 : 0) | (frame.rsv2 ? 4 : 0) | (frame.rsv3 ? 2 : 0) | (frame.masked ? 1 : 0)] as Uint8Array);
  if (frame.maskingKey === null) out.constant(nullValue);
  else {
    out.constant(quote);
    out.hex(frame.maskingKey);
    out.constant(quote);
  }
  out.constant(payloadLengthKey);
  out.number(frame.payloadLength);
  out.constant(headerBytesKey);
  out.base64(frame.headerBytes);
  if (inflated !== undefined) {
    out.constant(inflatedKey);
    out.base64(frame.payload);
  }
  out.constant(truncatedKey[frame.payloadTruncated ? 1 : 0] as Uint8Array);
  out.number(frame.messageId);
  out.constant(fragmentValues[frame.fragment]);
  writeTail(out, frame);
}

// The bytes of the text a fatal UTF-8 TextDecoder would give (a leading byte order mark dropped,
// as the decoder drops it), or null when they are not UTF-8: checked and copied as bytes, never
// decoded to a string.
function textBytes(bytes: Uint8Array): Uint8Array | null {
  if (!isUtf8(bytes)) return null;
  const hasBom = bytes.byteLength >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return hasBom ? bytes.subarray(3) : bytes;
}
