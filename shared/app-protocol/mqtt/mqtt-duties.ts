import { isRecord, numberField } from '../json-text.js';
import { message as sentence, type Message } from '../../i18n/message.js';
import { dutySend, type DutyCommand, type ProtocolDuties } from '../protocol-duties.js';
import type { ProtocolMessage } from '../protocol-message.js';
import { encodeMqtt } from './mqtt-encoder.js';
import type { MqttInput } from './mqtt-encoder.js';

const keepAliveTimer = 'mqtt keep-alive';
const serverKeepAliveName = 'serverKeepAlive';

/**
 * The client's MQTT duties: a PINGREQ when it has sent nothing for the Keep Alive period
 * (MQTT 5 §3.1.2.10; the CONNACK's Server Keep Alive overrides the CONNECT's), and the
 * acknowledgements of incoming QoS 1 and 2 deliveries and of the QoS 2 flow it started
 * (PUBACK; PUBREC then PUBCOMP; PUBREL), so the broker neither redelivers nor stalls.
 */
export class MqttDuties implements ProtocolDuties {
  private keepAliveSeconds = 0;
  private protocolLevel = 4;
  private isConnected = false;

  constructor(private enabled: boolean) {}

  get isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(isEnabled: boolean): DutyCommand[] {
    this.enabled = isEnabled;
    return isEnabled ? this.arm() : [{ kind: 'cancel-timer', timer: keepAliveTimer }];
  }

  onMessage(message: ProtocolMessage): DutyCommand[] {
    const tree = message.tree;
    if (message.direction === 'out' && message.kind === 'CONNECT') {
      this.keepAliveSeconds = numberField(tree, 'keepAliveSeconds') ?? 0;
      this.protocolLevel = isRecord(tree) && tree['protocolVersion'] === '5.0' ? 5 : 4;
    }
    if (message.direction === 'in' && message.kind === 'CONNACK') {
      this.isConnected = numberField(isRecord(tree) ? tree['reason'] : undefined, 'code') === 0;
      const serverKeepAlive = serverProperty(tree);
      if (serverKeepAlive !== undefined) this.keepAliveSeconds = serverKeepAlive;
      return this.enabled ? this.arm() : [];
    }
    if (message.direction === 'out' && message.kind === 'DISCONNECT') {
      this.isConnected = false;
      return [{ kind: 'cancel-timer', timer: keepAliveTimer }];
    }
    if (!this.enabled) return [];
    if (message.direction === 'out') return this.arm();
    return this.acknowledge(message);
  }

  onTimer(timer: string): DutyCommand[] {
    if (timer !== keepAliveTimer || !this.enabled || !this.isConnected || this.keepAliveSeconds === 0) return [];
    return [this.send({ type: 'PINGREQ' }, sentence('protocols:duty.mqttKeepAlive', { seconds: this.keepAliveSeconds })), ...this.arm()];
  }

  private acknowledge(message: ProtocolMessage): DutyCommand[] {
    const packetId = numberField(message.tree, 'packetId');
    if (packetId === undefined) return [];
    if (message.kind === 'PUBLISH') {
      const qos = numberField(message.tree, 'qos') ?? 0;
      if (qos === 1) return [this.send({ type: 'PUBACK', packetId }, sentence('protocols:duty.mqttPuback'))];
      if (qos === 2) return [this.send({ type: 'PUBREC', packetId }, sentence('protocols:duty.mqttPubrec'))];
    }
    if (message.kind === 'PUBREL') return [this.send({ type: 'PUBCOMP', packetId }, sentence('protocols:duty.mqttPubcomp'))];
    if (message.kind === 'PUBREC') return [this.send({ type: 'PUBREL', packetId }, sentence('protocols:duty.mqttPubrel'))];
    return [];
  }

  private send(input: MqttInput, reason: Message): DutyCommand {
    const [encoded] = encodeMqtt(input, { protocolLevel: this.protocolLevel });
    return dutySend(encoded as NonNullable<typeof encoded>, reason);
  }

  private arm(): DutyCommand[] {
    if (!this.isConnected || this.keepAliveSeconds === 0) return [];
    // MQTT 5 §3.1.2.10: the client must send within the Keep Alive; a ping a little before the end leaves room for the trip.
    return [{ kind: 'arm-timer', timer: keepAliveTimer, delayMs: Math.max(500, this.keepAliveSeconds * 1000 * 0.75) }];
  }
}

function serverProperty(tree: ProtocolMessage['tree']): number | undefined {
  const properties = isRecord(tree) ? tree['properties'] : undefined;
  if (!Array.isArray(properties)) return undefined;
  for (const property of properties) if (isRecord(property) && property['name'] === serverKeepAliveName && typeof property['value'] === 'number') return property['value'];
  return undefined;
}
