import type { SendRequest } from '../../../shared/contract/api-send.js';
import type { ComposerMode, PayloadEncoding } from '../../../shared/contract/user-data.js';
import { encodeBase64 } from '../../../shared/protocol/base64.js';
import { encodeUtf8 } from '../../../shared/protocol/utf8-text.js';
import { typedBytes } from '../../../shared/workspace/message-request.js';
import type { Text } from '../../lib/text.js';
import { roleMask, type SendingRole } from './sending-role.js';

export type { ComposerMode, PayloadEncoding };

/** Options for a hand-made frame (§5.2): any opcode and bits, legal or not. */
export interface AdvancedFrameOptions {
  readonly isEnabled: boolean;
  readonly opcode: number;
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  /** `role`: as the sender's role requires (§5.1: a client masks with a fresh key, a server does not). */
  readonly mask: 'role' | 'random' | 'none' | 'fixed';
  readonly fixedKeyHex: string;
  /** 0 = one frame. */
  readonly fragmentSize: number;
}

/** Everything needed to turn the composer into one request. */
export interface ComposerInput {
  readonly mode: ComposerMode;
  readonly text: string;
  /** How this mode's payload is typed. Close with `text` means the code and reason fields. */
  readonly encoding: PayloadEncoding;
  readonly closeCode: string;
  readonly closeReason: string;
  readonly advanced: AdvancedFrameOptions;
  /** Who sends: the client, or the server on a listened connection. */
  readonly role: SendingRole;
}

/** The encodings each mode offers; the first is its default. */
export const MODE_ENCODINGS: Readonly<Record<ComposerMode, readonly PayloadEncoding[]>> = {
  text: ['text'],
  json: ['text'],
  binary: ['hex', 'base64'],
  ping: ['text', 'hex', 'base64'],
  pong: ['text', 'hex', 'base64'],
  close: ['text', 'hex', 'base64'],
};

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

const CLOSE_CODE_PROBLEM: Text = (t) => t('composer:problem.closeCode');

/** The typed text decoded as hex or base64 by the same rules as saved messages, or why it cannot be. */
function decodeTyped(text: string, encoding: 'hex' | 'base64'): Uint8Array | Text {
  return typedBytes(text, encoding) ?? (encoding === 'hex' ? (t) => t('composer:problem.hex') : (t) => t('composer:problem.base64'));
}

/** A close payload from the code and reason fields (§5.5.1): 2-byte code, then the UTF-8 reason. */
function closeFieldBytes(input: ComposerInput): Uint8Array | Text {
  if (input.closeCode.trim() === '') return new Uint8Array(0);
  const code = Number(input.closeCode);
  if (!Number.isInteger(code) || code < 0 || code > 65535) return CLOSE_CODE_PROBLEM;
  const reason = encodeUtf8(input.closeReason);
  const bytes = new Uint8Array(2 + reason.length);
  bytes[0] = code >> 8;
  bytes[1] = code & 0xff;
  bytes.set(reason, 2);
  return bytes;
}

/** The payload bytes of the composer, in the mode's chosen encoding. */
export function payloadBytes(input: ComposerInput): Uint8Array | Text {
  if (input.encoding !== 'text') return decodeTyped(input.text, input.encoding);
  if (input.mode === 'close') return closeFieldBytes(input);
  return encodeUtf8(input.text);
}

function craftedFrame(input: ComposerInput, bytes: Uint8Array): { request: SendRequest } | { error: Text } {
  const { advanced } = input;
  if (advanced.mask === 'fixed' && !/^[0-9a-fA-F]{8}$/.test(advanced.fixedKeyHex)) return { error: (t) => t('composer:problem.maskingKey') };
  return {
    request: {
      type: 'frame',
      opcode: advanced.opcode,
      fin: advanced.fin,
      rsv1: advanced.rsv1,
      rsv2: advanced.rsv2,
      rsv3: advanced.rsv3,
      mask: advanced.mask === 'fixed' ? { key: advanced.fixedKeyHex.toLowerCase() } : advanced.mask === 'role' ? roleMask(input.role) : advanced.mask,
      payload: encodeBase64(bytes),
      ...(advanced.fragmentSize > 0 ? { fragmentSize: advanced.fragmentSize } : {}),
    },
  };
}

/**
 * The request for what was typed, byte for byte: text and JSON are sent as typed (JSON is
 * never parsed and re-serialised, STYLE.md §3); hex and base64 are decoded, nothing else. Outside
 * a hand-made frame it is the request of the same message saved to a workspace.
 */
export function buildSendRequest(input: ComposerInput): { request: SendRequest } | { error: Text } {
  const bytes = payloadBytes(input);
  if (!(bytes instanceof Uint8Array)) return { error: bytes };
  if (input.advanced.isEnabled) return craftedFrame(input, bytes);
  switch (input.mode) {
    case 'text':
    case 'json':
      return { request: { type: 'text', data: input.text } };
    case 'close': {
      if (input.encoding !== 'text') {
        // Raw close payload bytes, legal or not, as one close frame (§5.5.1).
        return craftedFrame({ ...input, advanced: { ...input.advanced, opcode: 0x8, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'role', fragmentSize: 0 } }, bytes);
      }
      if (input.closeCode.trim() === '') return { request: { type: 'close' } };
      return { request: { type: 'close', code: Number(input.closeCode), reason: input.closeReason } };
    }
    case 'binary':
      return { request: { type: 'binary', base64: encodeBase64(bytes) } };
    case 'ping':
    case 'pong':
      return { request: { type: input.mode, base64: encodeBase64(bytes) } };
  }
}

/** Why a JSON draft is not JSON, or null (the composer warns but may send it anyway). */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
