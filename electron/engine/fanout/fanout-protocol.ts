import type { AppProtocolId } from '../../../shared/app-protocol/app-protocol-id.js';
import { openingInput } from '../../../shared/app-protocol/opening-input.js';
import type { ProtocolMessage, ProtocolRecord } from '../../../shared/app-protocol/protocol-message.js';
import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import type { ProtocolInput } from '../../../shared/contract/api-protocol.js';
import { answerTo } from '../protocol/answer-to.js';
import { liveProtocolLayer } from '../protocol/live-protocol-layer.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import type { Session } from '../session/session.js';

/** How long a client waits for the answer to its opening message (CONNACK, CONNECTED, Socket.IO CONNECT). */
const openingAnswerTimeoutMs = 10_000;

/**
 * One fan-out attempt's application protocol: the session's protocol layer with its duties (so a
 * long run is not dropped for a missed Engine.IO pong or PINGREQ), the opening message and the
 * subscription to `channel`, numbered messages sent as the protocol's messages, and the payload
 * of each message that arrives handed to `onPayload` for the sequence matcher.
 */
export class FanoutProtocolClient {
  private readonly layer: ProtocolLayer;

  constructor(
    private readonly session: Session,
    private readonly protocol: AppProtocolId,
    private readonly channel: string,
    private readonly clientId: string,
    onPayload: (text: string) => void,
  ) {
    this.layer = liveProtocolLayer(session);
    this.layer.onDidDecode((messages) => {
      for (const decoded of messages) {
        const text = decoded.direction === 'in' ? payloadText(decoded) : null;
        if (text !== null) onPayload(text);
      }
    });
    session.onDidChangeState((state) => {
      if (state === 'open') this.layer.prepare();
      if (state === 'closed') this.layer.dispose();
    });
  }

  /** For the session's hooks: every completed message goes through the layer. */
  receive(completed: CompletedMessage): void {
    this.layer.receive(completed);
  }

  /** Sends the opening message, waits (bounded) for its answer, then subscribes to the channel (MQTT, STOMP). */
  async open(): Promise<void> {
    const opening = openingInput(this.protocol, this.layer.summary().facts, { clientId: this.clientId });
    if (opening !== null) {
      const sent = this.trySend(opening);
      if (sent.length > 0) await answerTo(this.layer, this.session, sent, openingAnswerTimeoutMs);
    }
    const subscription = subscriptionInput(this.protocol, this.channel, this.clientId);
    if (subscription !== null) this.trySend(subscription);
  }

  /** Sends one numbered message as the protocol's message; false when it could not be written. */
  send(text: string): boolean {
    return this.trySend(messageInput(this.protocol, this.channel, text)).length > 0;
  }

  private trySend(input: ProtocolInput): readonly ProtocolMessage[] {
    try {
      return this.layer.send(input).messages;
    } catch {
      return [];
    }
  }
}

/** The payload a receiver matches: a Socket.IO event's arguments (JSON), an MQTT PUBLISH's payload, a STOMP MESSAGE's body. */
export function payloadText(decoded: ProtocolMessage): string | null {
  if (decoded.isControl) return null;
  if (typeof decoded.tree !== 'object' || decoded.tree === null || Array.isArray(decoded.tree) || decoded.tree instanceof Uint8Array) return null;
  const tree = decoded.tree as ProtocolRecord;
  if (decoded.kind === 'EVENT' || decoded.kind === 'BINARY_EVENT') return JSON.stringify(tree['args'] ?? null);
  if (decoded.kind === 'PUBLISH') return typeof tree['payload'] === 'string' ? tree['payload'] : null;
  if (decoded.kind === 'MESSAGE') return typeof tree['body'] === 'string' ? tree['body'] : null;
  return null;
}

/** A numbered message as the protocol's message: the template as the event's argument (as JSON when it is JSON), a PUBLISH, a SEND. */
function messageInput(protocol: AppProtocolId, channel: string, text: string): ProtocolInput {
  switch (protocol) {
    case 'mqtt':
      return { protocol, input: { type: 'PUBLISH', topic: channel, payload: text } };
    case 'stomp':
      return { protocol, input: { kind: 'frame', command: 'SEND', headers: [['destination', channel]], body: text } };
    default:
      return { protocol: 'socket.io', input: { kind: 'event', event: channel, argsJson: isJson(text) ? text : JSON.stringify(text) } };
  }
}

function subscriptionInput(protocol: AppProtocolId, channel: string, clientId: string): ProtocolInput | null {
  switch (protocol) {
    case 'mqtt':
      return { protocol, input: { type: 'SUBSCRIBE', topic: channel, qos: 0 } };
    case 'stomp':
      return { protocol, input: { kind: 'frame', command: 'SUBSCRIBE', headers: [['id', clientId], ['destination', channel], ['ack', 'auto']] } };
    default:
      return null;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
