import type { AppProtocol, Detection, DetectionHints } from './app-protocol.js';
import type { AppProtocolId } from './app-protocol-id.js';
import { graphqlWsProtocol } from './graphql-ws/graphql-ws-protocol.js';
import { mqttProtocol } from './mqtt/mqtt-protocol.js';
import { signalrProtocol } from './signalr/signalr-protocol.js';
import { socketIoProtocol } from './socket-io/socket-io-protocol.js';
import { stompProtocol } from './stomp/stomp-protocol.js';

/** Every application protocol, in the order detection asks them. */
export const APP_PROTOCOLS: readonly AppProtocol[] = [
  socketIoProtocol as AppProtocol,
  stompProtocol as AppProtocol,
  mqttProtocol as AppProtocol,
  graphqlWsProtocol as AppProtocol,
  signalrProtocol as AppProtocol,
];

/** The protocol with this id (the manual choice). */
export function appProtocolById(id: AppProtocolId): AppProtocol {
  return APP_PROTOCOLS.find((protocol) => protocol.id === id) as AppProtocol;
}

/** The best detection for a session: `certain` before `likely`, then registry order; null when none fits. */
export function detectAppProtocol(hints: DetectionHints): Detection | null {
  const detections = APP_PROTOCOLS.map((protocol) => protocol.detect(hints)).filter((detection): detection is Detection => detection !== null);
  return detections.find((detection) => detection.confidence === 'certain') ?? detections[0] ?? null;
}
