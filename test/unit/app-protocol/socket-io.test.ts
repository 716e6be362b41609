import { createRequire } from 'node:module';
import { encodePacket } from 'engine.io-parser';
import { Decoder as ParserDecoder, Encoder as ParserEncoder, PacketType } from 'socket.io-parser';
import { message as sentence } from '../../../shared/i18n/message.js';
import { describe, expect, it } from 'vitest';
import { SocketIoDecoder } from '../../../shared/app-protocol/socket-io/socket-io-decoder.js';
import { SocketIoDuties } from '../../../shared/app-protocol/socket-io/socket-io-duties.js';
import { encodeSocketIo } from '../../../shared/app-protocol/socket-io/socket-io-encoder.js';
import { socketIoProtocol } from '../../../shared/app-protocol/socket-io/socket-io-protocol.js';
import { contextFor, decodeAll, plainBytes, texts, WireScript } from './app-protocol-fixtures.js';

const v4Url = 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket';
const v3Url = 'ws://127.0.0.1:3000/socket.io/?EIO=3&transport=websocket';

/** What socket.io-parser v4 writes for a packet: the Engine.IO message text ("4" + packet) and its attachments. */
function referencePacket(packet: Parameters<ParserEncoder['encode']>[0]): Array<string | Uint8Array> {
  return new ParserEncoder().encode(packet).map((part: string | Buffer) => (typeof part === 'string' ? `4${part}` : plainBytes(part)));
}

function engineText(packet: Parameters<typeof encodePacket>[0]): string {
  let out = '';
  encodePacket(packet, false, (encoded) => (out = String(encoded)));
  return out;
}

describe('Socket.IO v4 decoding of what socket.io-parser and engine.io-parser write', () => {
  it('reads the open packet, a namespace CONNECT, an event with an ack and the ack with its RTT', () => {
    const wire = new WireScript();
    const decoder = new SocketIoDecoder(contextFor(v4Url));
    const open = engineText({ type: 'open', data: JSON.stringify({ sid: 'abc', upgrades: [], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1e6 }) });
    const messages = decodeAll(decoder, [
      wire.message('in', open),
      ...referencePacket({ type: PacketType.CONNECT, nsp: '/chat' }).map((part) => wire.message('out', part)),
      ...referencePacket({ type: PacketType.CONNECT, nsp: '/chat', data: { sid: 'nsp-sid' } }).map((part) => wire.message('in', part)),
      ...referencePacket({ type: PacketType.EVENT, nsp: '/chat', id: 7, data: ['chat:message', { text: 'hi' }, 2] }).map((part) => wire.message('out', part)),
      ...referencePacket({ type: PacketType.ACK, nsp: '/chat', id: 7, data: ['ok'] }).map((part) => wire.message('in', part, 12_500)),
    ]);
    expect(messages.map((message) => message.summary)).toEqual([
      'engine.io open sid=abc ping 25000/20000 ms',
      'socket.io CONNECT /chat',
      'socket.io CONNECT /chat',
      'socket.io EVENT chat:message /chat id=7',
      'socket.io ACK id=7 /chat ["ok"]',
    ]);
    expect(messages[3]?.tree).toMatchObject({ event: 'chat:message', args: [{ text: 'hi' }, 2], namespace: '/chat', id: 7 });
    // The server's CONNECT answers the client's CONNECT to the same namespace.
    expect(messages[2]?.links).toEqual([{ relation: 'answers', toIndex: messages[1]?.index }]);
    expect(messages[4]?.links).toEqual([{ relation: 'acknowledges', toIndex: messages[3]?.index }]);
    expect(messages[4]?.rttMicros).toBe(12_500);
    expect(decoder.facts()).toMatchObject({ eio: 4, sid: 'abc', pingIntervalMs: 25000, pingTimeoutMs: 20000, 'sid/chat': 'nsp-sid' });
    expect(messages.every((message) => message.violations.length === 0)).toBe(true);
  });

  it('reassembles a binary event from its attachments, in order, with every seq', () => {
    const wire = new WireScript();
    const decoder = new SocketIoDecoder(contextFor(v4Url));
    const parts = referencePacket({ type: PacketType.EVENT, nsp: '/', data: ['upload', Buffer.from([1, 2, 3]), { nested: Buffer.from([9]) }] });
    expect(parts).toHaveLength(3);
    const wires = parts.map((part) => wire.message('out', part));
    const messages = decodeAll(decoder, wires);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.kind).toBe('BINARY_EVENT');
    expect(messages[0]?.summary).toBe('socket.io BINARY_EVENT upload +2 attachment(s)');
    expect(messages[0]?.tree).toMatchObject({ event: 'upload', args: [Uint8Array.of(1, 2, 3), { nested: Uint8Array.of(9) }] });
    expect(messages[0]?.seqs).toEqual(wires.flatMap((message) => message.seqs));
  });

  it('links the client pong to the server ping (EIO 4) and marks both as control traffic', () => {
    const wire = new WireScript();
    const messages = decodeAll(new SocketIoDecoder(contextFor(v4Url)), [wire.message('in', engineText({ type: 'ping' })), wire.message('out', engineText({ type: 'pong' }), 300)]);
    expect(messages.map((message) => [message.kind, message.isControl])).toEqual([['ping', true], ['pong', true]]);
    expect(messages[1]?.links).toEqual([{ relation: 'answers', toIndex: 1 }]);
    expect(messages[1]?.rttMicros).toBe(300);
  });
});

describe('Socket.IO v2 over Engine.IO 3', () => {
  const require = createRequire(import.meta.url);
  const parserV3 = require('socket.io-v2/node_modules/socket.io-parser') as { Encoder: new () => { encode(packet: unknown, callback: (parts: Array<string | Buffer>) => void): void }; BINARY_EVENT: number; EVENT: number; ERROR: number };
  const engineV3 = require('socket.io-v2/node_modules/engine.io-parser') as { encodePacket(packet: unknown, supportsBinary: boolean, callback: (encoded: string | Buffer) => void): void };

  function v2Messages(packet: unknown): Array<string | Uint8Array> {
    let out: Array<string | Uint8Array> = [];
    new parserV3.Encoder().encode(packet, (parts) => {
      out = parts.map((part) => {
        let encoded: string | Buffer = '';
        engineV3.encodePacket({ type: 'message', data: part }, true, (value) => (encoded = value));
        return typeof encoded === 'string' ? encoded : plainBytes(encoded);
      });
    });
    return out;
  }

  it('strips the 0x04 prefix of Engine.IO 3 binary attachments', () => {
    const wire = new WireScript();
    const parts = v2Messages({ type: parserV3.BINARY_EVENT, nsp: '/', data: ['blob', Buffer.from([0xde, 0xad])] });
    expect((parts[1] as Uint8Array)[0]).toBe(4);
    const messages = decodeAll(new SocketIoDecoder(contextFor(v3Url)), parts.map((part) => wire.message('in', part)));
    expect(messages[0]?.tree).toMatchObject({ event: 'blob', args: [Uint8Array.of(0xde, 0xad)] });
  });

  it('reads type 4 as ERROR and the client-initiated ping', () => {
    const wire = new WireScript();
    const messages = decodeAll(new SocketIoDecoder(contextFor(v3Url)), [
      wire.message('in', v2Messages({ type: parserV3.ERROR, nsp: '/admin', data: 'Not authorized' })[0] as string),
      wire.message('out', '2'),
      wire.message('in', '3'),
    ]);
    expect(messages.map((message) => message.summary)).toEqual(['socket.io ERROR /admin: Not authorized', 'engine.io ping', 'engine.io pong']);
    expect(messages[2]?.links).toEqual([{ relation: 'answers', toIndex: 2 }]);
  });
});

describe('Socket.IO encoder', () => {
  it('writes what socket.io-parser reads back: events with acks, namespaces and attachments', () => {
    const messages = encodeSocketIo({ kind: 'event', namespace: '/chat', event: 'chat:message', argsJson: '{"text":"hi"}, 2', ackId: 12, attachments: [Uint8Array.of(5, 6)] }, { eio: 4 });
    expect(texts(messages.slice(0, 1))).toEqual(['451-/chat,12["chat:message",{"text":"hi"}, 2,{"_placeholder":true,"num":0}]']);
    const decoded: unknown[] = [];
    const parser = new ParserDecoder();
    parser.on('decoded', (packet: unknown) => decoded.push(packet));
    parser.add(texts(messages.slice(0, 1))[0]?.slice(1) as string);
    parser.add(Buffer.from(messages[1]?.bytes as Uint8Array));
    // socket.io-parser reports a reconstructed binary event as a plain EVENT.
    expect(decoded).toEqual([{ type: PacketType.EVENT, nsp: '/chat', id: 12, data: ['chat:message', { text: 'hi' }, 2, Buffer.from([5, 6])] }]);
  });

  it('prefixes binary attachments with 0x04 for Engine.IO 3', () => {
    const messages = encodeSocketIo({ kind: 'ack', ackId: 1, attachments: [Uint8Array.of(7)] }, { eio: 3 });
    expect(texts(messages.slice(0, 1))).toEqual(['461-1[{"_placeholder":true,"num":0}]']);
    expect([...(messages[1]?.bytes ?? [])]).toEqual([4, 7]);
  });

  it('writes arguments as typed, malformed JSON included, and raw Engine.IO text', () => {
    expect(texts(encodeSocketIo({ kind: 'event', event: 'x', argsJson: '{oops' }, {}))).toEqual(['42["x",{oops]']);
    expect(texts(encodeSocketIo({ kind: 'raw', text: '9nonsense' }, {}))).toEqual(['9nonsense']);
    expect(texts(encodeSocketIo({ kind: 'connect', namespace: '/a', authJson: '{"token":"t"}' }, {}))).toEqual(['40/a,{"token":"t"}']);
  });
});

describe('Socket.IO violations: malformed input is kept and explained, never thrown', () => {
  const cases: Array<[string, string | Uint8Array, string]> = [
    ['empty text', '', 'engineio-malformed-packet'],
    ['unknown engine type', '9x', 'engineio-malformed-packet'],
    ['open without JSON', '0{nope', 'engineio-malformed-packet'],
    ['unknown socket type', '48', 'socketio-malformed-packet'],
    ['bad JSON', '42["a",', 'socketio-malformed-packet'],
    ['event without a name', '42[]', 'socketio-malformed-packet'],
    ['event as an object', '42{"a":1}', 'socketio-malformed-packet'],
    ['binary event without a count', '45["a"]', 'socketio-malformed-packet'],
    ['unannounced binary', Uint8Array.of(1, 2), 'socketio-unexpected-binary'],
  ];
  it.each(cases)('%s', (_name, data, rule) => {
    const wire = new WireScript();
    const [message] = new SocketIoDecoder(contextFor(v4Url)).push(wire.message('in', data));
    expect(message?.kind).toBe('invalid');
    expect(message?.violations.map((violation) => violation.rule)).toEqual([rule]);
    expect(message?.seqs).toEqual([1]);
  });

  it('flags a binary event whose attachments were cut short by the next packet', () => {
    const wire = new WireScript();
    const messages = decodeAll(new SocketIoDecoder(contextFor(v4Url)), [wire.message('out', '452-["a",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'), wire.message('out', Uint8Array.of(1)), wire.message('out', '42["b"]')]);
    expect(messages.map((message) => message.summary)).toEqual(['socket.io BINARY_EVENT a +1 attachment(s)', 'socket.io EVENT b']);
    expect(messages[0]?.violations.map((violation) => violation.rule)).toEqual(['socketio-missing-attachments']);
  });
});

describe('Socket.IO duties (playbooks)', () => {
  it('EIO 4: answers each server ping with a pong, and stops when switched off', () => {
    const wire = new WireScript();
    const decoder = new SocketIoDecoder(contextFor(v4Url));
    const duties = SocketIoDuties.forContext(contextFor(v4Url), true);
    const feed = (data: string) => decoder.push(wire.message('in', data)).flatMap((message) => duties.onMessage(message));
    expect(feed('0{"sid":"s","upgrades":[],"pingInterval":300,"pingTimeout":200}')).toEqual([]);
    const answered = feed('2');
    expect(answered).toEqual([{ kind: 'send', message: { isText: true, bytes: new TextEncoder().encode('3') }, reason: 'answer Engine.IO ping', reasonText: sentence('protocols:duty.engineIoPong') }]);
    expect(duties.setEnabled(false)).toEqual([{ kind: 'cancel-timer', timer: 'engine.io ping' }]);
    expect(feed('2')).toEqual([]);
  });

  it('EIO 3: pings every pingInterval from the open packet on, re-arming after each ping', () => {
    const wire = new WireScript();
    const decoder = new SocketIoDecoder(contextFor(v3Url));
    const duties = SocketIoDuties.forContext(contextFor(v3Url), true);
    const [open] = decoder.push(wire.message('in', '0{"sid":"s","upgrades":[],"pingInterval":250,"pingTimeout":500}'));
    expect(duties.onMessage(open!)).toEqual([{ kind: 'arm-timer', timer: 'engine.io ping', delayMs: 250 }]);
    expect(duties.onTimer('engine.io ping')).toEqual([
      { kind: 'send', message: { isText: true, bytes: new TextEncoder().encode('2') }, reason: 'Engine.IO 3 client ping', reasonText: sentence('protocols:duty.engineIo3Ping') },
      { kind: 'arm-timer', timer: 'engine.io ping', delayMs: 250 },
    ]);
    // A server ping in EIO 3 is not answered: the client is the one that pings.
    expect(decoder.push(wire.message('in', '2')).flatMap((message) => duties.onMessage(message))).toEqual([]);
  });
});

describe('Socket.IO detection', () => {
  it('knows the URL shape and the open packet', () => {
    expect(socketIoProtocol.detect(contextFor(v4Url))?.confidence).toBe('certain');
    expect(socketIoProtocol.detect(contextFor('ws://h/socket.io/'))?.confidence).toBe('certain');
    const wire = new WireScript();
    expect(socketIoProtocol.detect({ ...contextFor('ws://h/x'), firstMessages: [wire.message('in', '0{"sid":"a"}')] })?.confidence).toBe('likely');
    expect(socketIoProtocol.detect(contextFor('ws://h/chat'))).toBeNull();
  });
});
