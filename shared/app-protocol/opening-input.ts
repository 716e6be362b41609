import type { ProtocolInput } from '../contract/api-protocol.js';
import type { ProtocolFacts } from './app-protocol.js';
import type { AppProtocolId } from './app-protocol-id.js';

/** What a client's opening message may be given: where it connects and how often it promises to speak. */
export interface OpeningSettings {
  /** Socket.IO namespace; `/` when absent. */
  readonly namespace?: string;
  /** MQTT client id; a broker drops an older connection with the same id (MQTT 5 §3.1.4). */
  readonly clientId: string;
  /** MQTT Keep Alive in seconds (§3.1.2.10); 60 when absent. */
  readonly keepAliveSeconds?: number;
  /** STOMP heart-beat both ways in ms (STOMP 1.2 "Heart-beating"); 10,000 when absent. */
  readonly stompHeartBeatMs?: number;
}

/**
 * The opening message a client sends once the WebSocket is open, with defaults a server accepts;
 * null when the protocol needs none (a Socket.IO v2 client joins `/` on connection).
 */
export function openingInput(protocol: AppProtocolId, facts: ProtocolFacts, settings: OpeningSettings): ProtocolInput | null {
  switch (protocol) {
    case 'socket.io':
      if (facts['eio'] === 3 && (settings.namespace ?? '/') === '/') return null;
      return { protocol, input: { kind: 'connect', ...(settings.namespace !== undefined ? { namespace: settings.namespace } : {}) } };
    case 'stomp': {
      const heartBeatMs = settings.stompHeartBeatMs ?? 10_000;
      // STOMP 1.2 CONNECT requires host, the virtual host: `/` is RabbitMQ's default one, and brokers without virtual hosts ignore it.
      return { protocol, input: { kind: 'frame', command: 'CONNECT', headers: [['accept-version', '1.0,1.1,1.2'], ['host', '/'], ['heart-beat', `${heartBeatMs},${heartBeatMs}`]] } };
    }
    case 'mqtt':
      return { protocol, input: { type: 'CONNECT', clientId: settings.clientId, keepAliveSeconds: settings.keepAliveSeconds ?? 60, cleanStart: true } };
    case 'graphql-ws':
      return { protocol, input: { kind: 'message', type: 'connection_init' } };
    case 'signalr':
      return { protocol, input: { kind: 'handshake', protocol: 'json' } };
  }
}
