import { encode as encodeMsgpack } from '@msgpack/msgpack';
import { encode as encodeCbor } from 'cbor-x';
import { parse } from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { compileProtobufSchema } from '../../../electron/engine/payload/protobuf-schema-view.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { autoPayloadView, payloadView } from '../../../shared/payload-format/auto-payload-view.js';
import { cborView } from '../../../shared/payload-format/cbor-view.js';
import { msgpackView } from '../../../shared/payload-format/msgpack-view.js';
import { protobufWireView } from '../../../shared/payload-format/protobuf-wire-view.js';

const proto = `
syntax = "proto3";
package chat;
message Author { string name = 1; }
message Message {
  int64 id = 1;
  string text = 2;
  Author author = 3;
  repeated int32 tags = 4;
  bytes blob = 5;
  enum Kind { PLAIN = 0; SYSTEM = 1; }
  Kind kind = 6;
}`;

const sample = { id: '9007199254740993', text: 'héllo', author: { name: 'ann' }, tags: [1, 2, 300], blob: Uint8Array.of(0, 255), kind: 'SYSTEM' };

function protobufBytes(): Uint8Array {
  const type = parse(proto).root.lookupType('chat.Message');
  return Uint8Array.from(type.encode(type.fromObject(sample)).finish());
}

describe('payload views of bytes the reference libraries wrote', () => {
  it('MessagePack (@msgpack/msgpack)', () => {
    const value = { op: 'move', at: [1.5, -2], ok: true, raw: Uint8Array.of(1, 2), none: null };
    expect(msgpackView(encodeMsgpack(value))).toEqual({ format: 'msgpack', ok: true, value });
  });

  it('CBOR (cbor-x)', () => {
    const value = { op: 'move', at: [1.5, -2], ok: true, raw: Uint8Array.of(1, 2), none: null };
    const view = cborView(Uint8Array.from(encodeCbor(value)));
    expect(view).toEqual({ format: 'cbor', ok: true, value });
  });

  it('Protocol Buffers without a schema: field numbers, wire types, nested messages, text and bytes', () => {
    const view = protobufWireView(protobufBytes());
    expect(view).toEqual({
      format: 'protobuf-wire',
      ok: true,
      value: [
        { field: 1, wireType: 'varint', value: '9007199254740993' },
        { field: 2, wireType: 'len', value: 'héllo' },
        { field: 3, wireType: 'len', value: [{ field: 1, wireType: 'len', value: 'ann' }] },
        { field: 4, wireType: 'len', value: Uint8Array.of(1, 2, 0xac, 0x02) },
        { field: 5, wireType: 'len', value: Uint8Array.of(0, 255) },
        { field: 6, wireType: 'varint', value: '1' },
      ],
    });
  });

  it('Protocol Buffers with a user-chosen .proto and message type (in the engine)', () => {
    const schema = compileProtobufSchema(proto);
    if ('error' in schema) throw new Error(englishText(schema.error));
    expect(schema.messageTypes).toEqual(['chat.Author', 'chat.Message']);
    expect(schema.decode(protobufBytes(), 'chat.Message')).toEqual({ format: 'protobuf-schema', ok: true, value: sample });
    expect(schema.decode(protobufBytes(), 'chat.Nope')).toMatchObject({ ok: false, reason: 'the schema has no message type chat.Nope' });
    expect(schema.decode(Uint8Array.of(0x0a, 0x05, 0x61), 'chat.Message')).toMatchObject({ ok: false });
    expect(compileProtobufSchema('message {')).toMatchObject({ error: { key: 'errors:session.protoCompile' } });
  });
});

describe('choosing a format automatically', () => {
  it('picks the format whose decoder reads all the bytes into a container', () => {
    expect(autoPayloadView(encodeMsgpack({ a: 1 }))?.format).toBe('msgpack');
    expect(autoPayloadView(Uint8Array.from(encodeCbor({ a: 1 })))?.format).toBe('cbor');
    expect(autoPayloadView(protobufBytes())?.format).toBe('protobuf-wire');
  });

  it('does not claim bytes that only decode as a scalar or not at all', () => {
    expect(autoPayloadView(Uint8Array.of(0x05))).toBeNull();
    expect(autoPayloadView(new Uint8Array(0))).toBeNull();
    expect(autoPayloadView(Uint8Array.of(0xff, 0xff, 0xff))).toBeNull();
  });

  it('reports why bytes are not in a chosen format', () => {
    expect(payloadView(Uint8Array.of(0x92, 0x01), 'msgpack')).toMatchObject({ ok: false, reason: expect.any(String) });
    expect(payloadView(Uint8Array.of(0x00), 'protobuf-wire')).toMatchObject({ ok: false, reason: expect.stringContaining('field number 0') });
  });
});
