import { describe, expect, it } from 'vitest';
import { MqttDecoder } from '../../../shared/app-protocol/mqtt/mqtt-decoder.js';
import type { ProtocolDecoder } from '../../../shared/app-protocol/app-protocol.js';
import { protocolViolationMessage } from '../../../shared/app-protocol/protocol-violation-text.js';
import { SignalrDecoder } from '../../../shared/app-protocol/signalr/signalr-decoder.js';
import { SocketIoDecoder } from '../../../shared/app-protocol/socket-io/socket-io-decoder.js';
import { StompDecoder } from '../../../shared/app-protocol/stomp/stomp-decoder.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { contextFor, decodeAll, WireScript } from '../app-protocol/app-protocol-fixtures.js';

const zh = createTranslate('zh-CN');

/** Every violation the decoder found in `data`, as recorded (English) and as a Chinese reader sees it. */
function violations(decoder: ProtocolDecoder, ...messages: Array<readonly ['in' | 'out', string | Uint8Array]>): Array<[string, string]> {
  const wire = new WireScript();
  return decodeAll(decoder, messages.map(([direction, data]) => wire.message(direction, data)))
    .flatMap((decoded) => decoded.violations)
    .map((violation) => [violation.message, renderMessage(zh, protocolViolationMessage(violation))]);
}

describe('packet parsers’ details inside the translated rule sentence', () => {
  it('MQTT: fixed-header flags, a QoS 3 PUBLISH and a Remaining Length past four bytes, in Chinese with the bits as written', () => {
    // SUBSCRIBE with flags 0000 (must be 0010), packet id 1, one filter "a" at QoS 0.
    const badFlags = Uint8Array.of(0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00);
    const qos3 = Uint8Array.of(0x36, 0x03, 0x00, 0x01, 0x61);
    const longLength = Uint8Array.of(0x30, 0xff, 0xff, 0xff, 0xff, 0x01);
    expect(violations(new MqttDecoder(), ['out', badFlags], ['in', qos3], ['in', longLength])).toEqual([
      ['SUBSCRIBE must have fixed-header flags 0010, not 0000', 'MQTT 报文违反了协议规则：SUBSCRIBE 的固定报头标志必须是 0010，而不是 0000'],
      ['PUBLISH: QoS 3 is not a QoS level (MQTT 5 §3.3.1.2)', 'MQTT 报文格式错误：PUBLISH：QoS 3 不是有效的 QoS 等级（MQTT 5 §3.3.1.2）'],
      ['the Remaining Length runs past four bytes', 'MQTT 的 Remaining Length 格式错误：剩余长度（Remaining Length）超过了四个字节'],
    ]);
  });

  it('Socket.IO: a packet type that does not exist and an EVENT without its name, in Chinese', () => {
    const decoder = new SocketIoDecoder(contextFor('ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket'));
    const found = violations(decoder, ['in', '0{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'], ['in', '9'], ['in', '42{}']);
    expect(found).toEqual([
      ['"9" is not an Engine.IO packet type (0–6)', 'Engine.IO 数据包格式错误：“9”不是 Engine.IO 数据包类型（0–6）'],
      ['an EVENT carries a non-empty array: the event name, then its arguments', 'Socket.IO 数据包格式错误：EVENT 应携带非空数组：先是事件名，然后是参数'],
    ]);
  });

  it('Socket.IO data that is not JSON keeps the JSON parser’s own words inside the Chinese sentence', () => {
    const decoder = new SocketIoDecoder(contextFor('ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket'));
    const [[english, chinese]] = violations(decoder, ['in', '42["a",'] as const) as [[string, string]];
    const quoted = /\((.+)\)$/.exec(english)?.[1];
    expect(quoted).toBeDefined();
    expect(chinese).toBe(`Socket.IO 数据包格式错误：EVENT 的数据不是 JSON（${quoted}）`);
  });

  it('STOMP: an escape the version does not define, in Chinese with the escape as written', () => {
    const decoder = new StompDecoder(contextFor('ws://127.0.0.1:15674/ws', 'v12.stomp'));
    expect(violations(decoder, ['in', 'MESSAGE\ndestination:/a\\tb\n\nhi\0'])).toEqual([
      ['"\\t" is not a STOMP 1.2 header escape', '头里用了 STOMP 未定义的转义：“\\t”不是 STOMP 1.2 的头部转义序列'],
    ]);
  });

  it('SignalR: an invocation without a target, and a record length that promises more than follows, in Chinese', () => {
    const decoder = new SignalrDecoder(contextFor('ws://127.0.0.1:5000/chathub?id=abc'));
    const jsonFound = violations(decoder, ['out', '{"protocol":"json","version":1}\u001e'], ['in', '{}\u001e'], ['in', '{"type":1,"arguments":[]}\u001e']);
    expect(jsonFound).toEqual([['an invocation needs a "target"', 'SignalR hub 消息格式错误：调用（invocation）需要 "target"']]);
    const binary = new SignalrDecoder(contextFor('ws://127.0.0.1:5000/chathub?id=abc'));
    const binaryFound = violations(binary, ['out', '{"protocol":"messagepack","version":1}\u001e'], ['in', '{}\u001e'], ['in', Uint8Array.of(0x05, 0x91)]);
    expect(binaryFound).toEqual([['a record declares 5 bytes but only 1 follow', 'MessagePack 长度前缀格式错误：记录声明了 5 字节，但后面只有 1 字节']]);
  });
});
