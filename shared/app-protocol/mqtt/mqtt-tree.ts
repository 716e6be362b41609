import type { ProtocolRecord, ProtocolValue } from '../protocol-message.js';
import { textOrBytes } from '../../payload-format/text-or-bytes.js';
import type { MqttPacket } from './mqtt-packet.js';
import { versionName } from './mqtt-packet-type.js';
import { propertiesTree } from './mqtt-properties.js';
import { reasonName } from './mqtt-reason-codes.js';

/** The packet as a tree for the detail view: every field present, reason codes with their names. */
export function mqttTree(packet: MqttPacket, protocolLevel: number): ProtocolRecord {
  const tree: Record<string, ProtocolValue> = { type: packet.type, flags: packet.flags };
  if (packet.protocolName !== undefined) tree['protocolName'] = packet.protocolName;
  if (packet.protocolLevel !== undefined) tree['protocolVersion'] = versionName(packet.protocolLevel);
  if (packet.cleanStart !== undefined) tree['cleanStart'] = packet.cleanStart;
  if (packet.keepAliveSeconds !== undefined) tree['keepAliveSeconds'] = packet.keepAliveSeconds;
  if (packet.clientId !== undefined) tree['clientId'] = packet.clientId;
  if (packet.sessionPresent !== undefined) tree['sessionPresent'] = packet.sessionPresent;
  if (packet.dup !== undefined) tree['dup'] = packet.dup;
  if (packet.qos !== undefined) tree['qos'] = packet.qos;
  if (packet.retain !== undefined) tree['retain'] = packet.retain;
  if (packet.topic !== undefined) tree['topic'] = packet.topic;
  if (packet.packetId !== undefined) tree['packetId'] = packet.packetId;
  if (packet.reasonCode !== undefined) tree['reason'] = { code: packet.reasonCode, name: reasonName(packet.reasonCode, packet.type, protocolLevel) };
  if (packet.reasonCodes !== undefined) tree['reasons'] = packet.reasonCodes.map((code) => ({ code, name: reasonName(code, packet.type, protocolLevel) }));
  if (packet.subscriptions !== undefined) tree['subscriptions'] = packet.subscriptions.map((subscription) => ({ ...subscription }));
  if (packet.topics !== undefined) tree['topics'] = [...packet.topics];
  if (packet.will !== undefined) tree['will'] = { ...packet.will, properties: propertiesTree(packet.will.properties) };
  if (packet.username !== undefined) tree['username'] = packet.username;
  // Passwords are secrets: the tree says one was sent, the raw view keeps the bytes.
  if (packet.password !== undefined) tree['password'] = `<${packet.password.length} bytes>`;
  if (packet.properties.length > 0) tree['properties'] = propertiesTree(packet.properties);
  if (packet.payload !== undefined) tree['payload'] = textOrBytes(packet.payload);
  return tree;
}

/** One line for the timeline: `MQTT PUBLISH qos1 id=7 sensors/t`. */
export function mqttSummary(packet: MqttPacket, protocolLevel: number, topic: string | undefined): string {
  const parts = [`MQTT ${packet.type}`];
  if (packet.type === 'PUBLISH') {
    parts.push(`qos${packet.qos ?? 0}`);
    if (packet.packetId !== undefined) parts.push(`id=${packet.packetId}`);
    if (packet.retain) parts.push('retain');
    if (packet.dup) parts.push('dup');
    parts.push(topic ?? '');
  } else if (packet.packetId !== undefined) parts.push(`id=${packet.packetId}`);
  if (packet.type === 'CONNECT') parts.push(`v${versionName(packet.protocolLevel ?? 0)} client=${packet.clientId ?? ''} keepalive=${packet.keepAliveSeconds ?? 0}s`);
  if (packet.subscriptions !== undefined) parts.push(packet.subscriptions.map((subscription) => `${subscription.topic} qos${subscription.qos}`).join(', '));
  if (packet.topics !== undefined) parts.push(packet.topics.join(', '));
  if (packet.reasonCode !== undefined && (packet.reasonCode !== 0 || packet.type === 'CONNACK')) parts.push(reasonName(packet.reasonCode, packet.type, protocolLevel));
  if (packet.reasonCodes !== undefined) parts.push(packet.reasonCodes.map((code) => reasonName(code, packet.type, protocolLevel)).join(', '));
  return parts.join(' ').trimEnd();
}
