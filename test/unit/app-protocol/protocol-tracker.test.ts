import { describe, expect, it } from 'vitest';
import { message as sentence } from '../../../shared/i18n/message.js';
import { ProtocolTracker } from '../../../shared/app-protocol/protocol-tracker.js';
import type { TrackerOptions } from '../../../shared/app-protocol/protocol-tracker.js';
import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { encodeUtf8 } from '../../../shared/protocol/utf8-text.js';

// Playbooks for a session's protocol layer: completed WebSocket messages in, protocol messages,
// skipped notes and duty commands out.

let seq = 0;
function completed(direction: 'in' | 'out', data: string | Uint8Array, extra: Partial<CompletedMessage> = {}): CompletedMessage {
  const payload = typeof data === 'string' ? encodeUtf8(data) : data;
  seq += 1;
  return {
    direction,
    source: direction === 'out' ? 'sent' : 'received',
    messageId: seq,
    opcode: typeof data === 'string' ? Opcode.text : Opcode.binary,
    isCompressed: false,
    atMicros: seq * 1000,
    frameSeqs: [seq],
    fragmentCount: 1,
    payload,
    payloadLength: payload.length,
    isWhole: true,
    violations: [],
    ...extra,
  };
}

function tracker(url: string, extra: Partial<TrackerOptions> = {}): ProtocolTracker {
  return new ProtocolTracker({ choice: 'auto', context: { url, offeredSubprotocols: [] }, hasDuties: true, isDutiesEnabled: true, ...extra });
}

describe('ProtocolTracker', () => {
  it('picks Socket.IO from the URL at once, decodes, and answers an Engine.IO ping with a pong to send', () => {
    const layer = tracker('ws://h/socket.io/?EIO=4&transport=websocket');
    expect(layer.state).toBe('active');
    expect(layer.detection).toMatchObject({ protocol: 'socket.io', confidence: 'certain' });
    const open = layer.receive(completed('in', '0{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'));
    expect(open.messages.map((message) => message.kind)).toEqual(['open']);
    const ping = layer.receive(completed('in', '2'));
    expect(ping.messages[0]).toMatchObject({ kind: 'ping', isControl: true });
    expect(ping.commands).toEqual([{ kind: 'send', message: { isText: true, bytes: encodeUtf8('3') }, reason: 'answer Engine.IO ping', reasonText: sentence('protocols:duty.engineIoPong') }]);
  });

  it('waits for the first messages when nothing else tells, then decodes the ones it held', () => {
    const layer = tracker('ws://h/plain');
    expect(layer.state).toBe('detecting');
    const connect = layer.receive(completed('out', 'CONNECT\naccept-version:1.2\nhost:/\n\n\0'));
    expect(layer.state).toBe('active');
    expect(layer.detection).toEqual({ protocol: 'stomp', confidence: 'likely', reason: 'the client opened with a STOMP CONNECT frame', reasonText: { key: 'protocols:detection.stompConnect' } });
    expect(connect.messages.map((message) => message.summary)).toEqual(['STOMP CONNECT v1.2']);
  });

  it('gives up after a few messages that show no protocol, and then decodes nothing', () => {
    const layer = tracker('ws://h/plain');
    for (let i = 0; i < 4; i++) expect(layer.receive(completed('in', `hello ${i}`)).messages).toEqual([]);
    expect(layer.state).toBe('none');
    expect(layer.receive(completed('out', 'CONNECT\n\n\0')).messages).toEqual([]);
  });

  it('never decodes a message that was not kept whole: it is skipped with the reason, nothing else', () => {
    const layer = tracker('ws://h/socket.io/?EIO=4&transport=websocket');
    const cut = layer.receive(completed('in', '42["big"', { isWhole: false, payloadLength: 5_000_000 }));
    expect(cut.messages).toEqual([]);
    expect(cut.skipped).toEqual([{ direction: 'in', seqs: [seq], reason: 'the message was not kept whole (8 of 5000000 bytes), so it was not decoded', reasonText: sentence('protocols:skipped.notWhole', { kept: 8, length: 5000000 }) }]);
  });

  it('keeps a message that does not parse as an invalid one with a violation (the raw view is untouched)', () => {
    const layer = tracker('ws://h/socket.io/?EIO=4&transport=websocket');
    const [bad] = layer.receive(completed('in', '9nonsense')).messages;
    expect(bad).toMatchObject({ kind: 'invalid', violations: [{ rule: 'engineio-malformed-packet' }] });
    expect(bad?.tree).toEqual({ raw: '9nonsense' });
  });

  it('decodes a chosen protocol whatever the URL says, and reads nothing with `none`', () => {
    expect(tracker('ws://h/socket.io/?EIO=4&transport=websocket', { choice: 'mqtt' }).protocolId).toBe('mqtt');
    const none = tracker('ws://h/socket.io/?EIO=4&transport=websocket', { choice: 'none' });
    expect(none.state).toBe('none');
    expect(none.receive(completed('in', '2')).messages).toEqual([]);
  });

  it('without duties (listen mode, imports) decodes but asks for nothing, and ignores a switch', () => {
    const layer = tracker('ws://h/socket.io/?EIO=4&transport=websocket', { hasDuties: false });
    expect(layer.receive(completed('in', '2')).commands).toEqual([]);
    expect(layer.setDutiesEnabled(true)).toEqual([]);
    expect(layer.isDutiesEnabled).toBe(false);
  });

  it('drops duty sends on a replay (history is not answered again) but keeps the timers', () => {
    const layer = tracker('ws://h/socket.io/?EIO=3&transport=websocket');
    const open = layer.receive(completed('in', '0{"sid":"a","upgrades":[],"pingInterval":300,"pingTimeout":200}'), true);
    expect(open.commands).toEqual([{ kind: 'arm-timer', timer: 'engine.io ping', delayMs: 300 }]);
    const live = tracker('ws://h/socket.io/?EIO=4&transport=websocket');
    expect(live.receive(completed('in', '2'), true).commands).toEqual([]);
  });

  it('switches duties off and on: timers are cancelled, then armed again at the negotiated rate', () => {
    const layer = tracker('ws://h/socket.io/?EIO=3&transport=websocket');
    layer.receive(completed('in', '0{"sid":"a","upgrades":[],"pingInterval":300,"pingTimeout":200}'));
    expect(layer.setDutiesEnabled(false)).toEqual([{ kind: 'cancel-timer', timer: 'engine.io ping' }]);
    expect(layer.setDutiesEnabled(true)).toEqual([{ kind: 'arm-timer', timer: 'engine.io ping', delayMs: 300 }]);
  });

  it('skips reserved data opcodes with the reason', () => {
    const layer = tracker('ws://h/socket.io/?EIO=4&transport=websocket');
    expect(layer.receive(completed('in', 'x', { opcode: 3 })).skipped[0]?.reason).toMatch(/reserved data opcode/);
  });
});
