import { describe, expect, it } from 'vitest';
import { formatProtocolLines } from '../../../electron/cli/protocol-lines.js';
import { frameProtocolAt, protocolRowAt } from '../../../electron/engine/protocol/protocol-rows.js';
import { ProtocolStore } from '../../../electron/engine/protocol/protocol-store.js';
import { MqttDecoder } from '../../../shared/app-protocol/mqtt/mqtt-decoder.js';
import { MqttDuties } from '../../../shared/app-protocol/mqtt/mqtt-duties.js';
import { encodeMqtt, type MqttInput } from '../../../shared/app-protocol/mqtt/mqtt-encoder.js';
import { ProtocolTracker } from '../../../shared/app-protocol/protocol-tracker.js';
import { StompDecoder } from '../../../shared/app-protocol/stomp/stomp-decoder.js';
import { StompDuties } from '../../../shared/app-protocol/stomp/stomp-duties.js';
import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { encodeUtf8 } from '../../../shared/protocol/utf8-text.js';
import { contextFor, WireScript } from '../app-protocol/app-protocol-fixtures.js';

const zh = createTranslate('zh-CN');

describe('why the protocol duties sent a message and why a message was not decoded, in the reader’s language', () => {
  it('words a duty’s reason in Chinese and keeps the English beside it', () => {
    const wire = new WireScript();
    const decoder = new StompDecoder(contextFor('ws://127.0.0.1:15674/ws', 'v12.stomp'));
    const duties = new StompDuties(true);
    const feed = (direction: 'in' | 'out', text: string) => decoder.push(wire.message(direction, text)).flatMap((decoded) => duties.onMessage(decoded));
    feed('out', 'CONNECT\naccept-version:1.2\nheart-beat:5000,0\n\n\0');
    feed('in', 'CONNECTED\nversion:1.2\nheart-beat:0,5000\n\n\0');
    const [beat] = duties.onTimer('stomp heart-beat');
    expect(beat?.kind === 'send' ? [beat.reason, renderMessage(zh, beat.reasonText)] : undefined).toEqual(['STOMP heart-beat every 5000 ms', '每 5000 ms 发送 STOMP 心跳（heart-beat）']);
  });

  it('words an MQTT acknowledgement’s reason in Chinese, packet names as MQTT writes them', () => {
    const wire = new WireScript();
    const decoder = new MqttDecoder();
    const duties = new MqttDuties(true);
    const feed = (direction: 'in' | 'out', input: MqttInput) => encodeMqtt(input, decoder.facts()).flatMap((encoded) => decoder.push(wire.message(direction, encoded.bytes))).flatMap((decoded) => duties.onMessage(decoded));
    feed('out', { type: 'CONNECT', clientId: 'c', keepAliveSeconds: 0, protocolLevel: 4 });
    feed('in', { type: 'CONNACK', reasonCode: 0 });
    const [ack] = feed('in', { type: 'PUBLISH', topic: 't', qos: 1, packetId: 7, payload: 'x' });
    expect(ack?.kind === 'send' ? [ack.reason, renderMessage(zh, ack.reasonText)] : undefined).toEqual(['acknowledge QoS 1 PUBLISH', '确认 QoS 1 PUBLISH']);
  });

  it('says in Chinese why a message that was not kept whole was not decoded: row, tab and CLI line', () => {
    const tracker = new ProtocolTracker({ choice: 'stomp', context: contextFor('ws://127.0.0.1:15674/ws', 'v12.stomp'), hasDuties: false, isDutiesEnabled: false });
    const cut: CompletedMessage = { direction: 'in', source: 'received', messageId: 1, opcode: Opcode.text, isCompressed: false, atMicros: 1, frameSeqs: [4], fragmentCount: 1, payload: encodeUtf8('MESSAGE'), payloadLength: 9000, isWhole: false, violations: [] };
    const step = tracker.receive(cut);
    const store = new ProtocolStore();
    for (const skipped of step.skipped) store.addSkipped(skipped);
    const row = protocolRowAt(store, 'stomp', 4);
    expect(row?.summary).toBe('stomp not decoded: the message was not kept whole (7 of 9000 bytes), so it was not decoded');
    expect(renderMessage(zh, row!.summaryText!)).toBe('stomp 未解码：消息未完整保留（9000 字节中保留了 7 字节），因此未解码');
    const frame = frameProtocolAt(store, 'stomp', 4)!;
    expect(frame.skipped).toMatch(/^the message was not kept whole/);
    expect(formatProtocolLines(frame, zh)).toEqual([`${' '.repeat(17)}≡ stomp 未解码：消息未完整保留（9000 字节中保留了 7 字节），因此未解码`]);
  });
});
