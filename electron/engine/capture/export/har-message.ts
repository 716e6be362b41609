import type { FrameRecordJson } from '../../../../shared/contract/records.js';
import { fromBase64 } from '../byte-text.js';

/**
 * One entry of Chrome's `_webSocketMessages` (the four fields Chrome writes and reads) with
 * Frameline's frame fields beside them, underscore-prefixed so Chrome's importer ignores them.
 */
export interface HarWebSocketMessage {
  readonly type: 'send' | 'receive';
  /** Seconds since the Unix epoch, with a fraction. */
  readonly time: number;
  readonly opcode: number;
  /** Text for text messages, base64 for everything else (Chrome's convention). */
  readonly data: string;
  readonly [extra: `_${string}`]: unknown;
}

/** How `data` is encoded, written on every message so no reader has to guess. */
export type HarDataEncoding = 'text' | 'base64';

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Tracks the opcode of the message each continuation frame belongs to, so fragments of a text
 * message are written as text too.
 */
export class MessageOpcodes {
  private readonly open = new Map<number, number>();

  /** The data opcode of `frame`'s message (its own opcode for control and unfragmented frames). */
  opcodeOf(frame: FrameRecordJson): number {
    if (frame.fragment === 'whole') return frame.opcode;
    if (frame.fragment === 'first') this.open.set(frame.messageId, frame.opcode);
    const opcode = this.open.get(frame.messageId) ?? frame.opcode;
    if (frame.fragment === 'last') this.open.delete(frame.messageId);
    return opcode;
  }
}

/** A frame as a HAR message: Chrome's four fields first, then every record field Chrome has no place for. */
export function frameToHarMessage(frame: FrameRecordJson, epochMicros: number, messageOpcode: number): HarWebSocketMessage {
  const isInflated = frame.inflatedPayload !== undefined;
  const shown = fromBase64(frame.inflatedPayload ?? frame.payload);
  const text = messageOpcode === 1 && !(frame.rsv1 && !isInflated) ? decodeText(shown) : null;
  const encoding: HarDataEncoding = text === null ? 'base64' : 'text';
  return {
    type: frame.direction === 'out' ? 'send' : 'receive',
    time: (epochMicros + frame.atMicros) / 1e6,
    opcode: frame.opcode,
    data: text ?? (frame.inflatedPayload ?? frame.payload),
    _seq: frame.seq,
    _atMicros: frame.atMicros,
    _encoding: encoding,
    _fin: frame.fin,
    _rsv1: frame.rsv1,
    _rsv2: frame.rsv2,
    _rsv3: frame.rsv3,
    _masked: frame.masked,
    _maskingKey: frame.maskingKey,
    _payloadLength: frame.payloadLength,
    _headerBytes: frame.headerBytes,
    ...(isInflated ? { _inflated: true, _payload: frame.payload } : {}),
    _payloadTruncated: frame.payloadTruncated,
    _messageId: frame.messageId,
    _fragment: frame.fragment,
    ...(frame.closeCode !== undefined ? { _closeCode: frame.closeCode } : {}),
    ...(frame.closeReason !== undefined ? { _closeReason: frame.closeReason } : {}),
    ...(frame.rttMicros !== undefined ? { _rttMicros: frame.rttMicros } : {}),
    _violations: frame.violations,
    ...(frame.redacted ? { _redacted: true } : {}),
    ...(frame.leg ? { _leg: frame.leg } : {}),
    ...(frame.link !== undefined ? { _link: frame.link } : {}),
  };
}

function decodeText(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}
