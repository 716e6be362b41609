import type { SendRequest } from '../../../shared/contract/api-send.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { encodeBase64 } from '../../../shared/protocol/base64.js';
import { bytesToHex, utf8DecodeStrict } from '../../lib/bytes.js';
import { isBinaryLooking } from '../../lib/printable.js';
import type { ComposerMode, PayloadEncoding } from './build-send-request.js';
import { roleMask, type SendingRole } from './sending-role.js';

/** A message as the composer would hold it: mode, text in the chosen encoding, close fields. */
export interface ComposerDraft {
  readonly mode: ComposerMode;
  readonly text: string;
  readonly encoding: PayloadEncoding;
  readonly closeCode?: string;
  readonly closeReason?: string;
}

/** What a message looks like for sending again: its opcode and its (unmasked, inflated) bytes. */
export interface PayloadSource {
  readonly opcode: number;
  readonly payload: Uint8Array;
  readonly closeCode?: number;
  readonly closeReason?: string;
}

/** The text of bytes that read as text, or null when they are not UTF-8 or look binary. */
function readableText(bytes: Uint8Array): string | null {
  const text = utf8DecodeStrict(bytes);
  return text !== null && !isBinaryLooking(text) ? text : null;
}

/**
 * A message loaded into the composer for editing, exactly as received or sent: text stays text
 * (JSON mode when it parses), other bytes become hex, a close frame its code and reason.
 */
export function draftFromPayload(source: PayloadSource): ComposerDraft {
  const { opcode, payload } = source;
  if (opcode === Opcode.close) {
    if (source.closeCode !== undefined) return { mode: 'close', text: '', encoding: 'text', closeCode: String(source.closeCode), closeReason: source.closeReason ?? '' };
    return payload.length === 0 ? { mode: 'close', text: '', encoding: 'text', closeCode: '', closeReason: '' } : { mode: 'close', text: bytesToHex(payload, ' '), encoding: 'hex' };
  }
  const text = readableText(payload);
  if (opcode === Opcode.ping || opcode === Opcode.pong) {
    const mode = opcode === Opcode.ping ? 'ping' : 'pong';
    return text !== null ? { mode, text, encoding: 'text' } : { mode, text: bytesToHex(payload, ' '), encoding: 'hex' };
  }
  if (opcode === Opcode.text && text !== null) return { mode: isJsonText(text) ? 'json' : 'text', text, encoding: 'text' };
  return { mode: 'binary', text: bytesToHex(payload, ' '), encoding: 'hex' };
}

/** The request that sends the same message again, byte for byte (text as text, anything else as bytes), as `role` sends. */
export function resendRequest(source: PayloadSource, role: SendingRole): SendRequest {
  const { opcode, payload } = source;
  const base64 = encodeBase64(payload);
  if (opcode === Opcode.ping) return { type: 'ping', base64 };
  if (opcode === Opcode.pong) return { type: 'pong', base64 };
  if (opcode === Opcode.close) return source.closeCode !== undefined ? { type: 'close', code: source.closeCode, reason: source.closeReason ?? '' } : { type: 'close' };
  if (opcode === Opcode.text) {
    const text = utf8DecodeStrict(payload);
    if (text !== null) return { type: 'text', data: text };
    // Invalid UTF-8 in a text frame (a violation worth repeating): the same bytes, opcode 1.
    return { type: 'frame', opcode: Opcode.text, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: roleMask(role), payload: base64 };
  }
  return { type: 'binary', base64 };
}

function isJsonText(text: string): boolean {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}
