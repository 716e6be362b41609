import type { MqttPacketType } from './mqtt-packet-type.js';
import type { MqttProperty } from './mqtt-properties.js';

/** One subscription of a SUBSCRIBE (MQTT 5 §3.8.3.1 options; 3.1.1 has the QoS only). */
export interface MqttSubscription {
  readonly topic: string;
  readonly qos: number;
  readonly noLocal?: boolean;
  readonly retainAsPublished?: boolean;
  readonly retainHandling?: number;
}

/** The Will of a CONNECT. */
export interface MqttWill {
  readonly topic: string;
  readonly payload: Uint8Array;
  readonly qos: number;
  readonly retain: boolean;
  readonly properties: readonly MqttProperty[];
}

/** A decoded control packet; which fields are present depends on `type`. */
export interface MqttPacket {
  readonly type: MqttPacketType;
  /** The four flag bits of the fixed header. */
  readonly flags: number;
  readonly properties: readonly MqttProperty[];
  readonly packetId?: number;
  /** CONNECT */
  readonly protocolName?: string;
  readonly protocolLevel?: number;
  readonly cleanStart?: boolean;
  readonly keepAliveSeconds?: number;
  readonly clientId?: string;
  readonly will?: MqttWill;
  readonly username?: string;
  readonly password?: Uint8Array;
  /** CONNACK */
  readonly sessionPresent?: boolean;
  /** CONNACK, PUBACK…PUBCOMP, DISCONNECT, AUTH */
  readonly reasonCode?: number;
  /** SUBACK, UNSUBACK */
  readonly reasonCodes?: readonly number[];
  /** PUBLISH */
  readonly dup?: boolean;
  readonly qos?: number;
  readonly retain?: boolean;
  readonly topic?: string;
  readonly payload?: Uint8Array;
  /** SUBSCRIBE */
  readonly subscriptions?: readonly MqttSubscription[];
  /** UNSUBSCRIBE */
  readonly topics?: readonly string[];
}
