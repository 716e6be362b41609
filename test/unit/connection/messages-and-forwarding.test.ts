import { describe, expect, it } from 'vitest';
import type { ConnectionCommand, CompletedMessage, FrameEntry } from '../../../shared/connection/connection-command.js';
import { forwardableFrame } from '../../../shared/connection/forwardable-frame.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { concat, hex, utf8, XorInflater, xorDeflate } from '../protocol/protocol-fixtures.js';
import { connectionFor, lines, testLimits, toHex } from './connection-fixtures.js';

function messages(commands: readonly ConnectionCommand[]): CompletedMessage[] {
  return commands.flatMap((command) => (command.type === 'message' ? [command.message] : []));
}

function frames(commands: readonly ConnectionCommand[]): FrameEntry[] {
  return commands.flatMap((command) => (command.type === 'record' && command.record.kind === 'frame' ? [command.record] : []));
}

function writes(commands: readonly ConnectionCommand[]): Uint8Array[] {
  return commands.flatMap((command) => (command.type === 'write' ? [command.bytes] : []));
}

describe('completed messages (what application protocols read)', () => {
  it('a fragmented text message with a ping between its fragments: one message with its frames\' seqs, reassembled', () => {
    const connection = connectionFor('client', { reportsMessages: true });
    expect(lines(connection.receive(hex('01 03 48 65 6c  89 00  80 02 6c 6f'), 7))).toEqual([
      '#0 in text "Hel"',
      '#1 in ping fin',
      '#2 in continuation fin "lo"',
      'message in text seqs=0,2 whole "Hello"',
      'write 8a 80 37 fa 21 3d',
      '#3 out pong masked fin',
    ]);
    expect(messages(connection.receive(hex('81 00'), 8))[0]).toMatchObject({ messageId: 3, fragmentCount: 1, payloadLength: 0, isWhole: true, atMicros: 8, source: 'received' });
  });

  it('a permessage-deflate message is reported inflated', () => {
    const deflate = { inflater: new XorInflater(), deflater: { deflate: xorDeflate }, sentInflater: new XorInflater() };
    const connection = connectionFor('server', { reportsMessages: true, deflate });
    const compressed = xorDeflate(utf8('{"op":1}'));
    const [message] = messages(connection.receive(encodeFrame({ opcode: 1, rsv1: true, payload: compressed, maskingKey: Uint8Array.of(9, 9, 9, 9) }), 1));
    expect(message).toMatchObject({ direction: 'out', opcode: 1, isCompressed: true, isWhole: true, payloadLength: 8 });
    expect(new TextDecoder().decode(message?.payload)).toBe('{"op":1}');
  });

  it('our own messages are reported too, and a message cut by retention says it is not whole', () => {
    const connection = connectionFor('client', { reportsMessages: true, limits: { ...testLimits, payloadRetentionBytes: 4 } });
    expect(messages(connection.send({ kind: 'text', payload: utf8('hi') }, 1))[0]).toMatchObject({ source: 'sent', direction: 'out', isWhole: true, frameSeqs: [0] });
    const [cut] = messages(connection.receive(concat(hex('82 06'), utf8('abcdef')), 2));
    expect(cut).toMatchObject({ isWhole: false, payloadLength: 6 });
    expect(cut?.payload).toEqual(utf8('abcd'));
  });

  it('while no message is wanted, messages of one frame are skipped and a fragmented one is still reported whole', () => {
    let isWanted = false;
    const connection = connectionFor('client', { reportsMessages: true, isMessageWanted: () => isWanted });
    expect(messages(connection.receive(hex('81 01 61  82 02 62 63'), 1))).toEqual([]);
    expect(messages(connection.send({ kind: 'text', payload: utf8('hi') }, 2))).toEqual([]);
    expect(lines(connection.receive(hex('01 01 48  80 01 69'), 3))).toEqual(['#3 in text "H"', '#4 in continuation fin "i"', 'message in text seqs=3,4 whole "Hi"']);
    isWanted = true;
    expect(messages(connection.receive(hex('81 01 61'), 4))[0]).toMatchObject({ frameSeqs: [5], isWhole: true, payload: utf8('a') });
  });

  it('a message that started while messages were wanted is reported when it ends, wanted or not', () => {
    let isWanted = true;
    const connection = connectionFor('client', { reportsMessages: true, isMessageWanted: () => isWanted });
    expect(messages(connection.receive(hex('01 01 48'), 1))).toEqual([]);
    isWanted = false;
    expect(messages(connection.receive(hex('80 01 69'), 2))[0]).toMatchObject({ frameSeqs: [0, 1], isWhole: true, payload: utf8('Hi') });
  });

  it('without reportsMessages no message commands are made', () => {
    expect(messages(connectionFor('client').receive(hex('81 01 61'), 1))).toEqual([]);
  });
});

describe('forwarding a frame with its bits (what a relay does)', () => {
  it('a client\'s masked frame in a non-minimal length form is written again byte for byte by the relay\'s client leg', () => {
    const original = encodeFrame({ opcode: 2, payload: utf8('abc'), rsv1: false, fin: false, lengthForm: '64-bit', maskingKey: Uint8Array.of(1, 2, 3, 4) });
    const fromClient = connectionFor('server');
    const [received] = frames(fromClient.receive(original, 1));
    expect(received?.frame.violations.map((violation) => violation.rule)).toEqual(['non-minimal-length']);
    const forward = forwardableFrame(received!.frame)!;
    const toServer = connectionFor('client');
    const [written] = writes(toServer.send({ kind: 'frames', frames: [forward] }, 2));
    expect(toHex(written!)).toBe(toHex(original));
  });

  it('a server\'s unmasked frame with RSV bits is written again byte for byte by the relay\'s server leg', () => {
    const original = encodeFrame({ opcode: 1, payload: utf8('hello'), rsv3: true });
    const [received] = frames(connectionFor('client').receive(original, 1));
    const [written] = writes(connectionFor('server').send({ kind: 'frames', frames: [forwardableFrame(received!.frame)!] }, 2));
    expect(toHex(written!)).toBe(toHex(original));
  });

  it('a frame whose payload was not kept whole cannot be forwarded exactly', () => {
    const connection = connectionFor('client', { limits: { ...testLimits, payloadRetentionBytes: 2 } });
    const [received] = frames(connection.receive(concat(hex('82 05'), utf8('12345')), 1));
    expect(forwardableFrame(received!.frame)).toBeNull();
  });
});

describe('a relay leg leaves the close reply to the real peer (autoCloseReply off)', () => {
  it('the client\'s close is recorded but not answered; the forwarded server close completes the handshake and the server leg closes TCP', () => {
    const leg = connectionFor('server', { autoCloseReply: false, autoPong: false });
    expect(lines(leg.receive(hex('88 82 37 fa 21 3d 34 12'), 1))).toEqual(['#0 out close masked fin code=1000', 'arm close-wait 5000']);
    expect([leg.state, leg.hasSentClose]).toEqual(['closing', false]);
    expect(lines(leg.send({ kind: 'frames', frames: [{ opcode: 8, payload: hex('03 e8') }] }, 2))).toEqual(['write 88 02 03 e8', '#1 in close fin code=1000', 'end-socket']);
    expect(leg.hasSentClose).toBe(true);
    expect(lines(leg.socketEnded('fin', 3)).at(-1)).toBe('closed by=client how=close-frame code=1000');
  });

  it('a ping is neither answered nor echoed with autoPong off: forwarding it is the owner\'s business', () => {
    const leg = connectionFor('client', { autoCloseReply: false, autoPong: false });
    expect(lines(leg.receive(hex('89 02 68 69'), 1))).toEqual(['#0 in ping fin "hi"']);
  });
});
