import type { SendRequest } from '../../../shared/contract/api-send.js';
import { encodeBase64 } from '../../../shared/protocol/base64.js';
import { encodeUtf8 } from '../../../shared/protocol/utf8-text.js';
import { encodeMessage, typedBytes } from '../../../shared/workspace/message-request.js';
import type { RawSavedMessage } from '../../../shared/workspace/saved-message.js';

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

/** The encoding the composer's text is in for a mode: bytes modes use the hex/base64 choice, the others UTF-8. */
function encodingOf(input: ComposerInput): RawSavedMessage['encoding'] {
  return input.mode === 'binary' || input.mode === 'ping' || input.mode === 'pong' ? input.binaryEncoding : 'text';
}

/** The close code as typed: undefined when empty (a close without a body), null when it is not one. */
function closeCodeOf(input: ComposerInput): number | undefined | null {
  if (input.closeCode.trim() === '') return undefined;
  const code = Number(input.closeCode);
  return Number.isInteger(code) && code >= 0 && code <= 65535 ? code : null;
}

const CLOSE_CODE_ERROR = 'Close code must be a whole number from 0 to 65535';
const ENCODING_ERRORS = { hex: 'Payload is not valid hex (pairs of 0-9, a-f)', base64: 'Payload is not valid base64', text: 'Payload is not valid UTF-8' } as const;

/** The payload bytes of a hand-made frame: the typed text in its encoding, or a close code and reason (§5.5.1). */
function frameBytes(input: ComposerInput): Uint8Array | string {
  if (input.mode !== 'close') return typedBytes(input.text, encodingOf(input)) ?? ENCODING_ERRORS[encodingOf(input)];
  const code = closeCodeOf(input);
  if (code === null) return CLOSE_CODE_ERROR;
  if (code === undefined) return new Uint8Array(0);
  const reason = encodeUtf8(input.closeReason);
  const bytes = new Uint8Array(2 + reason.length);
  bytes[0] = code >> 8;
  bytes[1] = code & 0xff;
  bytes.set(reason, 2);
  return bytes;
}

/**
 * The request for what was typed, byte for byte: text and JSON are sent as typed (JSON is
 * never parsed and re-serialised, STYLE.md §3); hex and base64 are decoded, nothing else. Outside
 * a hand-made frame it is the request of the same message saved to a workspace.
 */
export function buildSendRequest(input: ComposerInput): { request: SendRequest } | { error: string } {
  const { advanced } = input;
  if (advanced.isEnabled) {
    const bytes = frameBytes(input);
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
        payload: encodeBase64(bytes),
        ...(advanced.fragmentSize > 0 ? { fragmentSize: advanced.fragmentSize } : {}),
      },
    };
  }
  const closeCode = closeCodeOf(input);
  if (input.mode === 'close' && closeCode === null) return { error: CLOSE_CODE_ERROR };
  const encoding = encodingOf(input);
  const message = { id: 'composer', mode: input.mode, encoding, ...(closeCode === null || closeCode === undefined ? {} : { closeCode }) };
  const built = encodeMessage(message, input.mode === 'close' ? input.closeReason : input.text);
  return built.ok ? { request: built.request } : { error: ENCODING_ERRORS[encoding] };
}
