import { toBase64 } from '../byte-text.js';
import type { CapturedFrame } from '../captured-record.js';
import { maskingKeyHex } from '../record-json.js';

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

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

/**
 * A frame as the JSON text of one entry of Chrome's `_webSocketMessages`: Chrome's four fields
 * (`type`, `time`, `opcode`, `data`: text for text messages, base64 for everything else) first,
 * then every record field Chrome has no place for, underscore-prefixed so Chrome ignores them, written directly (one per frame) rather than through an object
 * and `JSON.stringify`; the text is what `JSON.stringify` would give for those fields.
 */
export function harMessageText(frame: CapturedFrame, epochMicros: number, messageOpcode: number): string {
  const inflated = frame.inflatedPayload;
  const shown = inflated ?? frame.payload;
  const text = messageOpcode === 1 && !(frame.rsv1 && inflated === undefined) ? decodeText(shown) : null;
  const data = text === null ? `"${toBase64(shown)}"` : JSON.stringify(text);
  const key = frame.maskingKey === null ? 'null' : `"${maskingKeyHex(frame.maskingKey)}"`;
  let json =
    `{"type":"${frame.direction === 'out' ? 'send' : 'receive'}","time":${(epochMicros + frame.atMicros) / 1e6},"opcode":${frame.opcode},"data":${data},` +
    `"_seq":${frame.seq},"_atMicros":${frame.atMicros},"_encoding":"${text === null ? 'base64' : 'text'}","_fin":${frame.fin},"_rsv1":${frame.rsv1},` +
    `"_rsv2":${frame.rsv2},"_rsv3":${frame.rsv3},"_masked":${frame.masked},"_maskingKey":${key},"_payloadLength":${frame.payloadLength},` +
    `"_headerBytes":"${toBase64(frame.headerBytes)}"`;
  if (inflated !== undefined) json += `,"_inflated":true,"_payload":"${toBase64(frame.payload)}"`;
  json += `,"_payloadTruncated":${frame.payloadTruncated},"_messageId":${frame.messageId},"_fragment":"${frame.fragment}"`;
  if (frame.closeCode !== undefined) json += `,"_closeCode":${frame.closeCode}`;
  if (frame.closeReason !== undefined) json += `,"_closeReason":${JSON.stringify(frame.closeReason)}`;
  if (frame.rttMicros !== undefined) json += `,"_rttMicros":${frame.rttMicros}`;
  json += frame.violations.length === 0 ? ',"_violations":[]' : `,"_violations":${JSON.stringify(frame.violations)}`;
  return frame.redacted ? `${json},"_redacted":true}` : `${json}}`;
}

function decodeText(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}
