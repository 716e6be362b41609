import { protocolInputSchema, type ProtocolInput } from '../contract/api-protocol.js';
import type { SendRequest } from '../contract/api-send.js';
import { encodeBase64, decodeBase64 } from '../protocol/base64.js';
import { encodeUtf8 } from '../protocol/utf8-text.js';
import { fillStrings } from './fill-strings.js';
import type { ProtocolSavedMessage, RawSavedMessage, SavedMessage } from './saved-message.js';
import type { UnresolvedVariable } from './unresolved-variable.js';
import type { VariableScope } from './variable-scope.js';

/** A raw message ready to send as a WebSocket message, or why it cannot be sent. */
export type RawMessageRequest =
  | { readonly ok: true; readonly request: SendRequest }
  | { readonly ok: false; readonly unresolved: readonly UnresolvedVariable[]; readonly invalid?: string };

/** A saved message ready to send (a WebSocket message, or structured input for the session's protocol layer), or why it cannot be sent. */
export type MessageRequest = RawMessageRequest | { readonly ok: true; readonly protocolInput: ProtocolInput };

/**
 * The send request for a saved message: variables filled in, then the text sent as typed (text
 * and JSON are never parsed and re-serialised) or decoded from hex or base64; a protocol message
 * becomes the structured input its protocol's encoder takes.
 */
export function messageRequest(message: SavedMessage, scope: VariableScope): MessageRequest {
  if (message.kind === 'protocol') return protocolRequest(message, scope);
  const filled = scope.fill(message.text);
  if (!filled.ok) return { ok: false, unresolved: filled.missing.map((variable) => ({ variable, field: `message ${message.id}` })) };
  return encodeMessage(message, filled.text);
}

/** A raw message's text (variables already filled) as the request that sends it. */
export function encodeMessage(message: Pick<RawSavedMessage, 'id' | 'mode' | 'encoding' | 'closeCode'>, text: string): RawMessageRequest {
  const { mode, encoding } = message;
  if ((mode === 'text' || mode === 'json') && encoding === 'text') return { ok: true, request: { type: 'text', data: text } };
  if (mode === 'close' && encoding === 'text') {
    return { ok: true, request: message.closeCode === undefined ? { type: 'close' } : { type: 'close', code: message.closeCode, reason: text } };
  }
  const bytes = typedBytes(text, encoding);
  if (bytes === null) return { ok: false, unresolved: [], invalid: `message ${message.id}: the text is not valid ${encoding}` };
  const base64 = encodeBase64(bytes);
  switch (mode) {
    case 'text':
    case 'json':
      return { ok: true, request: { type: 'frame', opcode: 0x1, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'random', payload: base64 } };
    case 'binary':
      return { ok: true, request: { type: 'binary', base64 } };
    case 'ping':
    case 'pong':
      return { ok: true, request: { type: mode, base64 } };
    case 'close':
      // A close body typed as bytes is sent as they are, a malformed one included (§5.5.1 says what is valid).
      return { ok: true, request: { type: 'frame', opcode: 0x8, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'random', payload: base64 } };
  }
}

/**
 * A protocol message's input with variables filled in each of its strings (JSON texts such as
 * `argsJson` stay texts, so a malformed one is still sent as written), checked against the
 * contract's input for its protocol.
 */
function protocolRequest(message: ProtocolSavedMessage, scope: VariableScope): MessageRequest {
  const filled = fillStrings(message.message, scope);
  if (!filled.ok) return { ok: false, unresolved: filled.missing.map((variable) => ({ variable, field: `message ${message.id}` })) };
  const parsed = protocolInputSchema.safeParse({ protocol: message.protocol, input: filled.value });
  if (parsed.success) return { ok: true, protocolInput: parsed.data };
  const issue = parsed.error.issues[0];
  // Paths are relative to the saved message's `message`, which the check wraps as `input`.
  const path = issue?.path ?? [];
  const where = (path[0] === 'input' ? path.slice(1) : path).join('.');
  return { ok: false, unresolved: [], invalid: `message ${message.id} is not a ${message.protocol} protocol message Frameline can send: ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}` };
}

/**
 * The bytes a user typed in an encoding: text as UTF-8, or hex or base64 decoded; null when the
 * text is not valid in that encoding. The composer and saved messages read payloads alike, so a
 * message sends the same from either.
 */
export function typedBytes(text: string, encoding: RawSavedMessage['encoding']): Uint8Array | null {
  if (encoding === 'text') return encodeUtf8(text);
  return encoding === 'hex' ? hexBytes(text) : base64Bytes(text);
}

/** Pairs of hex digits; an `0x` before a byte and spaces, commas, colons and line breaks between bytes are allowed. */
function hexBytes(text: string): Uint8Array | null {
  const compact = text.replace(/0x/gi, '').replace(/[\s,:]/g, '');
  if (compact.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(compact)) return null;
  const bytes = new Uint8Array(compact.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = Number.parseInt(compact.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

/** Standard base64, line breaks allowed and the final padding optional. */
function base64Bytes(text: string): Uint8Array | null {
  const compact = text.replace(/\s/g, '');
  const padded = compact + '='.repeat((4 - (compact.length % 4)) % 4);
  return decodeBase64(padded);
}
