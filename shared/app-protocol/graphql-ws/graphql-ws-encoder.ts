import type { ProtocolFacts } from '../app-protocol.js';
import type { EncodedMessage } from '../wire-message.js';
import { encodeUtf8 } from '../../protocol/utf8-text.js';

/**
 * GraphQL-over-WebSocket messages for the composer. `subscribe` writes `subscribe` or `start`
 * as the session's variant requires; JSON texts (`variablesJson`, `payloadJson`) are inserted as
 * typed, so malformed JSON goes out as written.
 */
export type GraphqlWsInput =
  | { readonly kind: 'subscribe'; readonly id: string; readonly query: string; readonly variablesJson?: string; readonly operationName?: string }
  | { readonly kind: 'message'; readonly type: string; readonly id?: string; readonly payloadJson?: string };

/** Encodes one message as one text WebSocket message. */
export function encodeGraphqlWs(input: GraphqlWsInput, facts: ProtocolFacts): EncodedMessage[] {
  if (input.kind === 'message') {
    const parts = [`"type":${JSON.stringify(input.type)}`];
    if (input.id !== undefined) parts.push(`"id":${JSON.stringify(input.id)}`);
    if (input.payloadJson !== undefined) parts.push(`"payload":${input.payloadJson}`);
    return [text(`{${parts.join(',')}}`)];
  }
  const type = facts['variant'] === 'subscriptions-transport-ws' ? 'start' : 'subscribe';
  const payload = [`"query":${JSON.stringify(input.query)}`];
  if (input.operationName !== undefined) payload.push(`"operationName":${JSON.stringify(input.operationName)}`);
  if (input.variablesJson !== undefined && input.variablesJson.trim() !== '') payload.push(`"variables":${input.variablesJson}`);
  return [text(`{"id":${JSON.stringify(input.id)},"type":"${type}","payload":{${payload.join(',')}}}`)];
}

function text(value: string): EncodedMessage {
  return { isText: true, bytes: encodeUtf8(value) };
}
