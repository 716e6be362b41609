import type { Session } from '../session/session.js';
import { ProtocolLayer } from './protocol-layer.js';

/** A client session's protocol layer: fed by its completed messages, sending through its connection. */
export function liveProtocolLayer(session: Session): ProtocolLayer {
  const layer = new ProtocolLayer(session.capture, { choice: session.options.protocol, hasDuties: true, isDutiesEnabled: session.options.protocolDuties });
  layer.attach({
    send: (message) => session.sendOutgoing({ kind: message.isText ? 'text' : 'binary', payload: message.bytes }),
    nowMicros: () => session.clock.nowMicros(),
  });
  return layer;
}
