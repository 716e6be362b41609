import type { ProtocolValue } from '../app-protocol/protocol-message.js';
import { cborView } from './cbor-view.js';
import { msgpackView } from './msgpack-view.js';
import type { PayloadFormat, PayloadView } from './payload-view.js';
import { protobufWireView } from './protobuf-wire-view.js';

const viewers: ReadonlyArray<readonly [PayloadFormat, (bytes: Uint8Array) => PayloadView]> = [
  ['msgpack', msgpackView],
  ['cbor', cborView],
  ['protobuf-wire', protobufWireView],
];

/**
 * Picks a format for a binary payload when the session has not chosen one: the first that parses
 * the bytes cleanly (all of them) into a container (a map or an array; protobuf fields always
 * are). A lone scalar proves nothing: almost any short byte string is one in MessagePack or CBOR.
 */
export function autoPayloadView(bytes: Uint8Array): PayloadView | null {
  if (bytes.length === 0) return null;
  for (const [, view] of viewers) {
    const result = view(bytes);
    if (result.ok && isContainer(result.value)) return result;
  }
  return null;
}

/** The view in a chosen format (protobuf with a schema is decoded in the engine). */
export function payloadView(bytes: Uint8Array, format: Exclude<PayloadFormat, 'protobuf-schema'>): PayloadView {
  const viewer = viewers.find(([name]) => name === format);
  return (viewer?.[1] ?? protobufWireView)(bytes);
}

function isContainer(value: ProtocolValue): boolean {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array) && (!Array.isArray(value) || value.length > 0);
}
