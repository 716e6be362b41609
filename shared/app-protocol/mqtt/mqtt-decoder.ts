import { message as sentence } from '../../i18n/message.js';
import { parserViolation, protocolViolation } from '../protocol-violation-text.js';
import type { ProtocolDecoder, ProtocolFacts } from '../app-protocol.js';
import { BoundedMap, LINK_MEMORY } from '../bounded-map.js';
import { MessageFactory, linkTo } from '../message-factory.js';
import type { MessageOrigin } from '../message-factory.js';
import type { LinkRelation, ProtocolLink, ProtocolMessage, ProtocolViolation } from '../protocol-message.js';
import type { WireMessage } from '../wire-message.js';
import type { MqttPacket } from './mqtt-packet.js';
import { parseMqttPacket } from './mqtt-packet-parser.js';
import { propertyValue } from './mqtt-properties.js';
import { MqttStream } from './mqtt-stream.js';
import type { MqttStreamPacket } from './mqtt-stream.js';
import { topicMatches } from './mqtt-topic.js';
import { mqttSummary, mqttTree } from './mqtt-tree.js';

type Direction = WireMessage['direction'];

interface Earlier {
  readonly index: number;
  readonly atMicros: number;
}

const reference = 'MQTT 5 §2 / MQTT 3.1.1 §2 "MQTT Control Packet format"';
const topicAliasProperty = 0x23;
const subscriptionIdProperty = 0x0b;
const serverKeepAliveProperty = 0x13;

/**
 * MQTT 3.1.1 and 5 over WebSocket (binary messages, packets may span or share messages). The
 * protocol level comes from the CONNECT; replies are linked to their requests by packet id and
 * direction, incoming PUBLISHes to the SUBSCRIBE whose filter matches, with round-trip times.
 */
export class MqttDecoder implements ProtocolDecoder {
  private readonly factory = new MessageFactory('mqtt');
  private readonly streams = new Map<Direction, MqttStream>([['in', new MqttStream()], ['out', new MqttStream()]]);
  private protocolLevel = 4;
  private connect: Earlier | undefined;
  private lastPing: Earlier | undefined;
  /** Requests by `${initiator direction} ${packet id}`. */
  private readonly byPacketId = new BoundedMap<string, Earlier>();
  private readonly subscriptions: Array<{ readonly filter: string; readonly direction: Direction; readonly message: Earlier; readonly subscriptionId?: number }> = [];
  private readonly topicAliases = new BoundedMap<string, string>();
  private learned: Record<string, string | number> = {};

  facts(): ProtocolFacts {
    return { protocolLevel: this.protocolLevel, ...this.learned };
  }

  push(message: WireMessage): ProtocolMessage[] {
    const stream = this.streams.get(message.direction) as MqttStream;
    const output = stream.push(message.bytes, message.seqs);
    const textViolation: ProtocolViolation[] = message.isText
      ? [protocolViolation('mqtt-text-message', 'MQTT 5 §6', sentence('protocols:violation.detail.mqttTextMessage'))]
      : [];
    const out = output.packets.map((packet, i) => this.packetMessage(message, packet, i === 0 ? textViolation : []));
    if (output.unframeable !== undefined) {
      const origin = { direction: message.direction, atMicros: message.atMicros, seqs: output.unframeable.seqs };
      out.push(this.factory.invalid(origin, parserViolation('mqtt-malformed-remaining-length', reference, output.unframeable.reason), output.unframeable.bytes));
    }
    return out;
  }

  private packetMessage(wire: WireMessage, cut: MqttStreamPacket, extra: ProtocolViolation[]): ProtocolMessage {
    const origin: MessageOrigin = { direction: wire.direction, atMicros: wire.atMicros, seqs: cut.seqs };
    const parsed = parseMqttPacket(cut.firstByte, cut.body, this.protocolLevel);
    if ('reason' in parsed) return this.factory.invalid(origin, parserViolation('mqtt-malformed-packet', reference, parsed.reason), cut.bytes);
    const packet = parsed.packet;
    if (packet.type === 'CONNECT' && packet.protocolLevel !== undefined) this.protocolLevel = packet.protocolLevel;
    const violations = [...extra, ...parsed.problems.map((problem) => parserViolation('mqtt-protocol-rule', reference, problem))];
    const topic = this.resolveTopic(wire.direction, packet);
    const related = this.relate(origin, packet, topic);
    const message = this.factory.create(origin, {
      kind: packet.type,
      summary: mqttSummary(packet, this.protocolLevel, topic),
      tree: mqttTree(packet, this.protocolLevel),
      isControl: packet.type === 'PINGREQ' || packet.type === 'PINGRESP',
      violations,
      ...related,
    });
    this.remember(origin.direction, packet, message);
    return message;
  }

  /** MQTT 5 §3.3.2.3.4: an empty topic with a Topic Alias means the topic last sent with that alias. */
  private resolveTopic(direction: Direction, packet: MqttPacket): string | undefined {
    if (packet.type !== 'PUBLISH') return undefined;
    const alias = propertyValue(packet.properties, topicAliasProperty);
    if (typeof alias !== 'number') return packet.topic;
    const key = `${direction} ${alias}`;
    if (packet.topic !== undefined && packet.topic !== '') {
      this.topicAliases.set(key, packet.topic);
      return packet.topic;
    }
    return this.topicAliases.get(key) ?? `(alias ${alias})`;
  }

  private relate(origin: MessageOrigin, packet: MqttPacket, topic: string | undefined): { links?: ProtocolLink[]; rttMicros?: number } {
    const other: Direction = origin.direction === 'in' ? 'out' : 'in';
    const requestKey = `${other} ${packet.packetId ?? -1}`;
    switch (packet.type) {
      case 'CONNACK':
        return answer(this.connect, 'answers', origin.atMicros);
      case 'PINGRESP':
        return answer(this.lastPing, 'answers', origin.atMicros);
      case 'PUBACK':
      case 'PUBREC':
        return answer(this.byPacketId.get(requestKey), 'acknowledges', origin.atMicros);
      case 'PUBREL':
        return answer(this.byPacketId.get(`${other} rec ${packet.packetId ?? -1}`), 'continues', origin.atMicros);
      case 'PUBCOMP':
        return answer(this.byPacketId.get(requestKey), 'completes', origin.atMicros);
      case 'SUBACK':
      case 'UNSUBACK':
        return answer(this.byPacketId.get(requestKey), 'answers', origin.atMicros);
      case 'PUBLISH':
        return this.subscriptions.length === 0 ? {} : this.subscriptionLink(origin.direction, packet, topic);
      default:
        return {};
    }
  }

  private subscriptionLink(direction: Direction, packet: MqttPacket, topic: string | undefined): { links?: ProtocolLink[] } {
    const subscriber = direction === 'in' ? 'out' : 'in';
    const ids = packet.properties.filter((property) => property.id === subscriptionIdProperty).map((property) => property.value);
    const matches = this.subscriptions.filter((subscription) =>
      subscription.direction === subscriber && (ids.length > 0 ? ids.includes(subscription.subscriptionId ?? -1) : topic !== undefined && topicMatches(subscription.filter, topic)),
    );
    const seen = new Set<number>();
    const links = matches.filter((match) => !seen.has(match.message.index) && seen.add(match.message.index)).map((match) => ({ relation: 'belongs-to' as const, toIndex: match.message.index }));
    return links.length === 0 ? {} : { links };
  }

  private remember(direction: Direction, packet: MqttPacket, message: ProtocolMessage): void {
    switch (packet.type) {
      case 'CONNECT':
        this.connect = message;
        this.learned.keepAliveSeconds = packet.keepAliveSeconds ?? 0;
        return;
      case 'CONNACK': {
        const serverKeepAlive = propertyValue(packet.properties, serverKeepAliveProperty);
        if (typeof serverKeepAlive === 'number') this.learned.keepAliveSeconds = serverKeepAlive;
        return;
      }
      case 'PINGREQ':
        this.lastPing = message;
        return;
      case 'PUBLISH':
        if ((packet.qos ?? 0) > 0) this.byPacketId.set(`${direction} ${packet.packetId}`, message);
        return;
      case 'PUBREC':
        this.byPacketId.set(`${direction} rec ${packet.packetId}`, message);
        return;
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE':
        this.byPacketId.set(`${direction} ${packet.packetId}`, message);
        if (packet.type === 'SUBSCRIBE') this.addSubscriptions(direction, packet, message);
        else this.removeSubscriptions(direction, packet.topics ?? []);
        return;
      default:
        return;
    }
  }

  private addSubscriptions(direction: Direction, packet: MqttPacket, message: ProtocolMessage): void {
    const id = propertyValue(packet.properties, subscriptionIdProperty);
    for (const subscription of packet.subscriptions ?? []) {
      this.removeSubscriptions(direction, [subscription.topic]);
      this.subscriptions.push({ filter: subscription.topic, direction, message, ...(typeof id === 'number' ? { subscriptionId: id } : {}) });
      if (this.subscriptions.length > LINK_MEMORY) this.subscriptions.shift();
    }
  }

  private removeSubscriptions(direction: Direction, filters: readonly string[]): void {
    for (let i = this.subscriptions.length - 1; i >= 0; i--) {
      const subscription = this.subscriptions[i];
      if (subscription !== undefined && subscription.direction === direction && filters.includes(subscription.filter)) this.subscriptions.splice(i, 1);
    }
  }
}

function answer(earlier: Earlier | undefined, relation: LinkRelation, atMicros: number): { links?: ProtocolLink[]; rttMicros?: number } {
  return earlier === undefined ? {} : linkTo(earlier, relation, atMicros);
}
