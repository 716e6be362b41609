import type { AppProtocol, Detection, DetectionHints } from '../app-protocol.js';
import { message } from '../../i18n/message.js';
import { detected, subprotocolReason } from '../detection.js';
import { matchingSubprotocol } from '../url-shape.js';
import { MqttDecoder } from './mqtt-decoder.js';
import { MqttDuties } from './mqtt-duties.js';
import { encodeMqtt } from './mqtt-encoder.js';
import type { MqttInput } from './mqtt-encoder.js';

/** MQTT 3.1.1 and 5 over WebSocket (subprotocol `mqtt`; 3.1 used `mqttv3.1`). */
export const mqttProtocol: AppProtocol<MqttInput> = {
  id: 'mqtt',
  displayName: 'MQTT',
  detect: detectMqtt,
  createDecoder: () => new MqttDecoder(),
  encode: encodeMqtt,
  createDuties: (_context, options) => new MqttDuties(options?.isEnabled ?? true),
};

function detectMqtt(hints: DetectionHints): Detection | null {
  const subprotocol = matchingSubprotocol(hints, (name) => name === 'mqtt' || name === 'mqttv3.1');
  if (subprotocol !== undefined) {
    return detected('mqtt', 'certain', subprotocolReason(subprotocol));
  }
  const first = hints.firstMessages?.find((message) => message.direction === 'out');
  // A CONNECT: type 1, then after the Remaining Length the protocol name "MQTT" with its two-byte length.
  if (first !== undefined && first.bytes[0] === 0x10 && /MQTT|MQIsdp/.test(String.fromCharCode(...first.bytes.subarray(0, 16)))) {
    return detected('mqtt', 'likely', message('protocols:detection.mqttConnect'));
  }
  return null;
}
