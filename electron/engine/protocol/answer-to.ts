import type { ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';
import type { Session } from '../session/session.js';
import type { ProtocolLayer } from './protocol-layer.js';

/** How waiting for an answer ended. */
export type AnswerOutcome = 'answered' | 'ended' | 'timeout';

/**
 * Resolves once the server answered one of `sent` (CONNACK, CONNECTED, a Socket.IO CONNECT,
 * connection_ack), the session ended, or `timeoutMs` passed: a server may drop what comes before
 * its answer to an opening message (Socket.IO closes on an event for a namespace not yet connected).
 */
export function answerTo(layer: ProtocolLayer, session: Session, sent: readonly ProtocolMessage[], timeoutMs: number): Promise<AnswerOutcome> {
  const indexes = new Set(sent.map((message) => message.index));
  return new Promise((resolve) => {
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    const stop = layer.onDidDecode((messages) => {
      if (messages.some((message) => message.links.some((link) => link.relation === 'answers' && indexes.has(link.toIndex)))) done('answered');
    });
    void session.ended.then(() => done('ended'));
    function done(outcome: AnswerOutcome): void {
      clearTimeout(timer);
      stop();
      resolve(outcome);
    }
  });
}
