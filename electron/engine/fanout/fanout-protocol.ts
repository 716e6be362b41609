import type { AppProtocolId } from '../../../shared/app-protocol/app-protocol-id.js';
import { openingInput } from '../../../shared/app-protocol/opening-input.js';
import type { ProtocolMessage, ProtocolRecord } from '../../../shared/app-protocol/protocol-message.js';
import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import type { ProtocolInput } from '../../../shared/contract/api-protocol.js';
import { closedByKeys } from '../../../shared/doctor/names.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { describeClose } from '../doctor/idle-probe.js';
import { answerTo } from '../protocol/answer-to.js';
import { liveProtocolLayer } from '../protocol/live-protocol-layer.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import type { Session } from '../session/session.js';

/** How long a client waits for the answer to its opening message (CONNACK, CONNECTED, Socket.IO CONNECT, connection_ack). */
const openingAnswerTimeoutMs = 10_000;

/** What a fan-out client hears from its attempt's protocol besides numbered payloads. */
export interface FanoutProtocolHooks {
  /** A payload to match; `ordinal` numbers the GraphQL `next`s of this attempt's subscription from 1. */
  readonly onPayload: (text: string, ordinal: number) => void;
  /** The server ended the GraphQL subscription: `complete`, or `error` with its reason. */
  readonly onSubscriptionEnded: (problem: Message | null) => void;
}

/** The one GraphQL operation a fan-out client runs on each connection (graphql-transport-ws ids are per connection). */
const graphqlOperationId = 'fanout';

/**
 * One fan-out attempt's application protocol: the session's protocol layer with its duties (so a
 * long run is not dropped for a missed Engine.IO pong or PINGREQ), the opening message and the
 * subscription to `channel`, numbered messages sent as the protocol's messages, and the payload
 * of each message that arrives handed to `onPayload` for the sequence matcher.
 */
export class FanoutProtocolClient {
  /** True once the server ended this attempt's GraphQL subscription (`complete` or `error`). */
  isSubscriptionOver = false;
  private readonly layer: ProtocolLayer;
  private ordinal = 0;

  constructor(
    private readonly session: Session,
    private readonly protocol: AppProtocolId,
    private readonly channel: string,
    private readonly clientId: string,
    hooks: FanoutProtocolHooks,
  ) {
    this.layer = liveProtocolLayer(session);
    this.layer.onDidDecode((messages) => {
      for (const decoded of messages) {
        if (decoded.direction !== 'in') continue;
        const text = payloadText(decoded);
        if (text !== null) hooks.onPayload(text, decoded.kind === 'next' ? ++this.ordinal : 0);
        const ending = subscriptionEnding(decoded);
        if (ending !== undefined && !this.isSubscriptionOver) {
          this.isSubscriptionOver = true;
          hooks.onSubscriptionEnded(ending);
        }
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

  /**
   * Sends the opening message, waits (bounded) for its answer, then subscribes to the channel (MQTT,
   * STOMP). Answers why the protocol did not open: the server ended the connection before
   * answering (graphql-ws closes with 4403 when it refuses connection_init), or never answered.
   */
  async open(): Promise<Message | null> {
    const opening = openingInput(this.protocol, this.layer.summary().facts, { clientId: this.clientId });
    if (opening !== null) {
      const sent = this.trySend(opening);
      const outcome = sent.length > 0 ? await answerTo(this.layer, this.session, sent, openingAnswerTimeoutMs) : 'ended';
      const kind = sent[0]?.kind ?? this.protocol;
      if (outcome === 'ended') {
        const closed = this.session.closed ?? { by: 'client', how: 'error' };
        return message('fanout:failure.openingEnded', { opening: kind, closed: message('timeline:event.closedBy', { by: message(closedByKeys[closed.by]), how: describeClose(closed) }) });
      }
      if (outcome === 'timeout') return message('fanout:failure.openingUnanswered', { opening: kind, seconds: openingAnswerTimeoutMs / 1000 });
    }
    const subscription = subscriptionInput(this.protocol, this.channel, this.clientId);
    if (subscription !== null) this.trySend(subscription);
    return null;
  }

  /** Subscribes with the GraphQL document (graphql-ws); the `next`s that follow are numbered from 1 again. */
  subscribeDocument(document: string): boolean {
    this.ordinal = 0;
    this.isSubscriptionOver = false;
    return this.trySend({ protocol: 'graphql-ws', input: { kind: 'subscribe', id: graphqlOperationId, query: document } }).length > 0;
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

/** The payload a receiver matches: a Socket.IO event's arguments (JSON), an MQTT PUBLISH's payload, a STOMP MESSAGE's body, a GraphQL `next`'s result (JSON). */
export function payloadText(decoded: ProtocolMessage): string | null {
  if (decoded.isControl) return null;
  const tree = recordOf(decoded);
  if (tree === null) return null;
  if (decoded.kind === 'EVENT' || decoded.kind === 'BINARY_EVENT') return JSON.stringify(tree['args'] ?? null);
  if (decoded.kind === 'PUBLISH') return typeof tree['payload'] === 'string' ? tree['payload'] : null;
  if (decoded.kind === 'MESSAGE') return typeof tree['body'] === 'string' ? tree['body'] : null;
  if (decoded.protocol === 'graphql-ws' && decoded.kind === 'next') return JSON.stringify(tree['payload'] ?? null);
  return null;
}

/**
 * How a GraphQL message from the server ends the subscription (graphql-ws PROTOCOL.md "Error",
 * "Complete"): null for `complete`, the errors' messages for `error`; undefined when it does not.
 */
function subscriptionEnding(decoded: ProtocolMessage): Message | null | undefined {
  if (decoded.protocol !== 'graphql-ws') return undefined;
  if (decoded.kind === 'complete') return null;
  if (decoded.kind !== 'error') return undefined;
  const payload = recordOf(decoded)?.['payload'];
  const errors = Array.isArray(payload) ? payload : [payload];
  const reasons = errors.map((error) => (typeof error === 'object' && error !== null && !Array.isArray(error) && !(error instanceof Uint8Array) && typeof error['message'] === 'string' ? error['message'] : JSON.stringify(error ?? null)));
  return message('fanout:failure.graphqlError', { errors: reasons.join('; ') });
}

function recordOf(decoded: ProtocolMessage): ProtocolRecord | null {
  if (typeof decoded.tree !== 'object' || decoded.tree === null || Array.isArray(decoded.tree) || decoded.tree instanceof Uint8Array) return null;
  return decoded.tree as ProtocolRecord;
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
