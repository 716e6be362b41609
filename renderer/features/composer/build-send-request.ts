import type { SendRequest } from '../../../shared/contract/api-send.js';
import { base64ToBytes, bytesToBase64, hexToBytes, utf8Encode } from '../../lib/bytes.js';

/** What the composer can send. */
export type ComposerMode = 'text' | 'json' | 'binary' | 'ping' | 'pong' | 'close';

/** How binary (and control) payloads are typed. */
export type BinaryEncoding = 'hex' | 'base64';

/** Options for a hand-made frame (§5.2): any opcode and bits, legal or not. */
export interface AdvancedFrameOptions {
  readonly isEnabled: boolean;
  readonly opcode: number;
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly mask: 'random' | 'none' | 'fixed';
  readonly fixedKeyHex: string;
  /** 0 = one frame. */
  readonly fragmentSize: number;
}

/** Everything needed to turn the composer into one request. */
export interface ComposerInput {
  readonly mode: ComposerMode;
  readonly text: string;
  readonly binaryEncoding: BinaryEncoding;
  readonly closeCode: string;
  readonly closeReason: string;
  readonly advanced: AdvancedFrameOptions;
}

/** The default opcode for a mode, used when advanced options are first opened. */
export function opcodeForMode(mode: ComposerMode): number {
  switch (mode) {
    case 'text': case 'json': return 0x1;
    case 'binary': return 0x2;
    case 'close': return 0x8;
    case 'ping': return 0x9;
    case 'pong': return 0xa;
  }
}

/** The payload bytes of the composer: the typed text as UTF-8, or the decoded hex/base64. */
function payloadBytes(input: ComposerInput): Uint8Array | string {
  if (input.mode === 'text' || input.mode === 'json') return utf8Encode(input.text);
  if (input.mode === 'close') {
    if (input.closeCode.trim() === '') return new Uint8Array(0);
    const code = Number(input.closeCode);
    if (!Number.isInteger(code) || code < 0 || code > 65535) return 'Close code must be a whole number from 0 to 65535';
    const reason = utf8Encode(input.closeReason);
    const bytes = new Uint8Array(2 + reason.length);
    bytes[0] = code >> 8;
    bytes[1] = code & 0xff;
    bytes.set(reason, 2);
    return bytes;
  }
  if (input.binaryEncoding === 'hex') return hexToBytes(input.text) ?? 'Payload is not valid hex (pairs of 0-9, a-f)';
  const compact = input.text.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return 'Payload is not valid base64';
  try {
    return base64ToBytes(compact);
  } catch {
    return 'Payload is not valid base64';
  }
}

/**
 * The request for what was typed, byte for byte: text and JSON are sent as typed (JSON is
 * never parsed and re-serialised, STYLE.md §3); hex and base64 are decoded, nothing else.
 */
export function buildSendRequest(input: ComposerInput): { request: SendRequest } | { error: string } {
  const { advanced } = input;
  if (advanced.isEnabled) {
    const bytes = payloadBytes(input);
    if (typeof bytes === 'string') return { error: bytes };
    if (advanced.mask === 'fixed' && !/^[0-9a-fA-F]{8}$/.test(advanced.fixedKeyHex)) return { error: 'Masking key must be 8 hex digits' };
    return {
      request: {
        type: 'frame',
        opcode: advanced.opcode,
        fin: advanced.fin,
        rsv1: advanced.rsv1,
        rsv2: advanced.rsv2,
        rsv3: advanced.rsv3,
        mask: advanced.mask === 'fixed' ? { key: advanced.fixedKeyHex.toLowerCase() } : advanced.mask,
        payload: bytesToBase64(bytes),
        ...(advanced.fragmentSize > 0 ? { fragmentSize: advanced.fragmentSize } : {}),
      },
    };
  }
  switch (input.mode) {
    case 'text':
    case 'json':
      return { request: { type: 'text', data: input.text } };
    case 'close': {
      if (input.closeCode.trim() === '') return { request: { type: 'close' } };
      const code = Number(input.closeCode);
      if (!Number.isInteger(code) || code < 0 || code > 65535) return { error: 'Close code must be a whole number from 0 to 65535' };
      return { request: { type: 'close', code, reason: input.closeReason } };
    }
    case 'binary':
    case 'ping':
    case 'pong': {
      const bytes = payloadBytes(input);
      if (typeof bytes === 'string') return { error: bytes };
      const base64 = bytesToBase64(bytes);
      if (input.mode === 'binary') return { request: { type: 'binary', base64 } };
      return { request: { type: input.mode, base64 } };
    }
  }
}
