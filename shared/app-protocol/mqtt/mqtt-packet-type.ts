/** MQTT control packet types by their fixed-header number (MQTT 5 §2.1.2; AUTH is 5.0 only). */
export const MQTT_PACKET_TYPES = [
  'RESERVED', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP',
  'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH',
] as const;

/** One of `MQTT_PACKET_TYPES`. */
export type MqttPacketType = (typeof MQTT_PACKET_TYPES)[number];

/** MQTT 5 §2.1.3: PUBREL, SUBSCRIBE and UNSUBSCRIBE must carry flags 0010; every other type but PUBLISH 0000. */
export function requiredFlags(type: MqttPacketType): number | undefined {
  if (type === 'PUBLISH') return undefined;
  return type === 'PUBREL' || type === 'SUBSCRIBE' || type === 'UNSUBSCRIBE' ? 0b0010 : 0;
}

/** MQTT protocol levels: 3 is 3.1, 4 is 3.1.1, 5 is 5.0. */
export function versionName(protocolLevel: number): string {
  return protocolLevel === 5 ? '5.0' : protocolLevel === 4 ? '3.1.1' : protocolLevel === 3 ? '3.1' : `level ${protocolLevel}`;
}
