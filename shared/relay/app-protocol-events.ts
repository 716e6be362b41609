import type { ProtocolMessage } from '../app-protocol/protocol-message.js';
import { appProtocolById, detectAppProtocol } from '../app-protocol/registry.js';
import type { ProtocolSessionContext } from '../app-protocol/app-protocol.js';
import { Opcode } from '../protocol/opcode.js';
import type { MessageClassifier } from './relay-core.js';

/**
 * The application-protocol events of a relayed connection, for breakpoints and rules that match
 * `event`: the protocol is detected from the URL and subprotocols (shared/app-protocol), and each
 * message is decoded in order, both directions. A message's event names are its protocol kind and
 * every word of its summary, so `EVENT` and `chat:message` both match `socket.io EVENT
 * chat:message`, `PUBLISH` and `sensors/t` match an MQTT publish. Null when no protocol fits.
 */
export function appProtocolEvents(context: ProtocolSessionContext): MessageClassifier | null {
  const detection = detectAppProtocol(context);
  if (!detection) return null;
  const decoder = appProtocolById(detection.protocol).createDecoder(context);
  return (direction, opcode, payload) => {
    if (opcode !== Opcode.text && opcode !== Opcode.binary) return [];
    return decoder.push({ direction, atMicros: 0, isText: opcode === Opcode.text, bytes: payload, seqs: [] }).flatMap(eventNames);
  };
}

function eventNames(message: ProtocolMessage): string[] {
  return [message.kind, ...message.summary.split(/\s+/).filter((word) => word !== '')];
}
