import { Reader } from 'protobufjs/minimal.js';
import type { ProtocolValue } from '../app-protocol/protocol-message.js';
import { PAYLOAD_LIMITS, failedView } from './payload-view.js';
import type { PayloadView } from './payload-view.js';
import { textOrBytes } from './text-or-bytes.js';

/** Protocol Buffers wire types (protobuf "Encoding": Message Structure). */
const WIRE_TYPES = ['varint', 'i64', 'len', 'sgroup', 'egroup', 'i32'] as const;

/**
 * The payload as Protocol Buffers fields without a schema: field number, wire type and value, read
 * with protobufjs's Reader. A length-delimited value is shown as text when it is printable UTF-8,
 * else as a nested message when it parses as one, else as bytes (the order protoc users expect).
 */
export function protobufWireView(bytes: Uint8Array): PayloadView {
  try {
    const fields = readFields(bytes, 0);
    if (fields.length === 0) return { format: 'protobuf-wire', ok: false, reason: 'no fields' };
    return { format: 'protobuf-wire', ok: true, value: fields };
  } catch (error) {
    return failedView('protobuf-wire', error);
  }
}

function readFields(bytes: Uint8Array, depth: number): ProtocolValue[] {
  const reader = Reader.create(bytes);
  const fields: ProtocolValue[] = [];
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 0) throw new Error('field number 0 is not allowed');
    const name = WIRE_TYPES[wireType];
    if (name === undefined) throw new Error(`wire type ${wireType} does not exist`);
    fields.push({ field, wireType: name, value: readValue(reader, wireType, depth) });
  }
  return fields;
}

function readValue(reader: Reader, wireType: number, depth: number): ProtocolValue {
  switch (wireType) {
    case 0:
      return reader.uint64().toString();
    case 1:
      return reader.fixed64().toString();
    case 2:
      return lengthDelimited(reader.bytes(), depth);
    case 5:
      return reader.fixed32();
    default:
      // Groups (3 and 4) are deprecated; skipType walks a whole group to its end tag.
      reader.skipType(wireType);
      return '(group)';
  }
}

function lengthDelimited(view: Uint8Array, depth: number): ProtocolValue {
  // Reader.bytes() is a Node Buffer under Node; the tree keeps plain bytes.
  const bytes = Uint8Array.from(view);
  const text = textOrBytes(bytes);
  if (bytes.length > 0 && typeof text === 'string') return text;
  if (bytes.length > 0 && depth < PAYLOAD_LIMITS.maxDepth) {
    try {
      return readFields(bytes, depth + 1);
    } catch {
      // Not a nested message either: bytes.
    }
  }
  return bytes;
}
