import type { EncodeResult, ProtocolFacts } from '../app-protocol.js';
import { parseJson } from '../json-text.js';
import type { ProtocolValue } from '../protocol-message.js';
import type { EncodedMessage } from '../wire-message.js';
import { encodeUtf8 } from '../../protocol/utf8-text.js';
import type { HubMessage } from './hub-message.js';
import { encodeMsgpackHubMessage } from './signalr-msgpack.js';

/**
 * SignalR messages for the composer. In the JSON protocol `argumentsJson` goes out as typed
 * (malformed JSON too); MessagePack needs values, so there it must parse. `raw` sends any text.
 */
export type SignalrInput =
  | { readonly kind: 'handshake'; readonly protocol: 'json' | 'messagepack'; readonly version?: number }
  | { readonly kind: 'invoke'; readonly target: string; readonly argumentsJson?: string; readonly invocationId?: string; readonly isStream?: boolean }
  | { readonly kind: 'cancel'; readonly invocationId: string }
  | { readonly kind: 'ping' }
  | { readonly kind: 'close'; readonly error?: string }
  | { readonly kind: 'classic-invoke'; readonly hub: string; readonly method: string; readonly argumentsJson?: string; readonly invocationId: string }
  | { readonly kind: 'raw'; readonly text: string };

/** Encodes one message in the session's hub protocol (`facts.mode`). */
export function encodeSignalr(input: SignalrInput, facts: ProtocolFacts): EncodeResult {
  const isMsgpack = facts['mode'] === 'messagepack';
  switch (input.kind) {
    case 'handshake':
      return [record(`{"protocol":${JSON.stringify(input.protocol)},"version":${input.version ?? 1}}`)];
    case 'raw':
      return [{ isText: true, bytes: encodeUtf8(input.text) }];
    case 'classic-invoke':
      return [{ isText: true, bytes: encodeUtf8(`{"H":${JSON.stringify(input.hub)},"M":${JSON.stringify(input.method)},"A":[${input.argumentsJson ?? ''}],"I":${JSON.stringify(input.invocationId)}}`) }];
    default:
      return isMsgpack ? msgpackMessage(input) : [record(jsonText(input))];
  }
}

function jsonText(input: Extract<SignalrInput, { kind: 'invoke' | 'cancel' | 'ping' | 'close' }>): string {
  switch (input.kind) {
    case 'invoke': {
      const id = input.invocationId === undefined ? '' : `"invocationId":${JSON.stringify(input.invocationId)},`;
      return `{"type":${input.isStream ? 4 : 1},${id}"target":${JSON.stringify(input.target)},"arguments":[${input.argumentsJson ?? ''}]}`;
    }
    case 'cancel':
      return `{"type":5,"invocationId":${JSON.stringify(input.invocationId)}}`;
    case 'ping':
      return '{"type":6}';
    case 'close':
      return input.error === undefined ? '{"type":7}' : `{"type":7,"error":${JSON.stringify(input.error)}}`;
  }
}

function msgpackMessage(input: Extract<SignalrInput, { kind: 'invoke' | 'cancel' | 'ping' | 'close' }>): EncodeResult {
  let hub: HubMessage;
  if (input.kind === 'invoke') {
    const parsed = parseJson(`[${input.argumentsJson ?? ''}]`);
    if (!parsed.ok) return { reason: `MessagePack needs valid JSON arguments: ${parsed.reason}` };
    hub = { type: input.isStream ? 4 : 1, target: input.target, arguments: parsed.value as ProtocolValue[], ...(input.invocationId === undefined ? {} : { invocationId: input.invocationId }) };
  } else if (input.kind === 'cancel') hub = { type: 5, invocationId: input.invocationId };
  else if (input.kind === 'ping') hub = { type: 6 };
  else hub = { type: 7, ...(input.error === undefined ? {} : { error: input.error }) };
  return [{ isText: false, bytes: encodeMsgpackHubMessage(hub) }];
}

function record(text: string): EncodedMessage {
  return { isText: true, bytes: encodeUtf8(`${text}\u001e`) };
}
