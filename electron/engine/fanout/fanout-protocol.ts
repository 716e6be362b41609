import type { AppProtocolId } from '../../../shared/app-protocol/app-protocol-id.js';
import { OPERATION_RESULT } from '../../../shared/app-protocol/graphql-ws/graphql-ws-variant.js';
import { openingInput } from '../../../shared/app-protocol/opening-input.js';
import type { ProtocolMessage, ProtocolRecord, ProtocolValue } from '../../../shared/app-protocol/protocol-message.js';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import type { ProtocolInput } from '../../../shared/contract/api-protocol.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { closedByMessage } from '../doctor/idle-probe.js';
import { answerTo } from '../protocol/answer-to.js';
import { liveProtocolLayer } from '../protocol/live-protocol-layer.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import type { Session } from '../session/session.js';

/** How long a client waits for the answer to its opening message (CONNACK, CONNECTED, Socket.IO CONNECT, connection_ack). */
const openingAnswerTimeoutMs = 10_000;

/** What a fan-out client hears from its attempt's protocol besides numbered payloads. */
export interface FanoutProtocolHooks {
  /** A payload to match; `ordinal` numbers the GraphQL results (`next`, legacy `data`) of this attempt's subscription from 1. */
  readonly onPayload: (text: string, ordinal: number) => void;
  /** The server ended the GraphQL subscription: `complete`, or `error` with its reason. */
  readonly onSubscriptionEnded: (problem: Message | null) => void;
  /** The server answered a sender's GraphQL mutation with errors: that numbered message was not published. */
  readonly onSendFailed: (problem: Message) => void;
  /** A legacy GraphQL server that had sent `ka` went silent for the keep-alive timeout; the client then closes the connection. */
  readonly onKeepAliveLost: (problem: Message) => void;
}

/** The GraphQL subscription a fan-out client runs on each connection (operation ids are per connection in both GraphQL protocols); a sender's mutations take `fanout-send-N`. */
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
  /** After `open` failed: the GraphQL subprotocol the server's refusal points to (see `graphqlSubprotocolToOffer`); null otherwise. */
  offerInstead: GraphqlSubprotocol | null = null;
  private readonly layer: ProtocolLayer;
  private ordinal = 0;
  private mutationsSent = 0;
  /** Why the server refused the opening (the legacy GraphQL protocol's connection_error); null while it has not. */
  private refusal: Message | null = null;
  /** Fires when a legacy GraphQL server that sent `ka` has sent nothing for `keepAliveTimeoutMs`; null until its first `ka`. */
  private keepAliveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly session: Session,
    private readonly protocol: AppProtocolId,
    private readonly channel: string,
    private readonly clientId: string,
    /** The GraphQL mutation a sender runs for each numbered message (graphql-ws); null for other protocols. */
    private readonly mutation: string | null,
    private readonly hooks: FanoutProtocolHooks,
    /** How long a legacy GraphQL client waits for the server's next message once the server has sent a `ka`. */
    private readonly keepAliveTimeoutMs: number,
  ) {
    this.layer = liveProtocolLayer(session);
    this.layer.onDidDecode((messages) => {
      for (const decoded of messages) {
        if (decoded.direction !== 'in') continue;
        if (decoded.protocol === 'graphql-ws') {
          if (decoded.kind === 'ka' && this.keepAliveTimer === null) this.watchKeepAlive();
          this.graphqlReceived(decoded);
          continue;
        }
        if (decoded.protocol === 'signalr' && decoded.kind === 'handshake-response') this.signalrHandshakeAnswered(decoded);
        const text = payloadText(decoded);
        if (text !== null) hooks.onPayload(text, 0);
      }
    });
    session.onDidChangeState((state) => {
      if (state === 'open') this.layer.prepare();
      if (state === 'closed') {
        this.layer.dispose();
        this.stopWatchingKeepAlive();
      }
    });
  }

  /** For the session's hooks: every completed message goes through the layer; any message from the server counts as a sign of life. */
  receive(completed: CompletedMessage): void {
    if (completed.source === 'received' && this.keepAliveTimer !== null) this.watchKeepAlive();
    this.layer.receive(completed);
  }

  /** Stops the keep-alive watch: the connection is closed. */
  private stopWatchingKeepAlive(): void {
    if (this.keepAliveTimer !== null) clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = null;
  }

  /**
   * (Re)arms the keep-alive watch. A legacy server that sent `ka` promises more; once it falls
   * silent for the timeout the connection is taken as dead, as Apollo's client does, and closed.
   */
  private watchKeepAlive(): void {
    if (this.keepAliveTimer !== null) clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = setTimeout(() => {
      this.keepAliveTimer = null;
      if (this.session.state !== 'open') return;
      this.hooks.onKeepAliveLost(message('fanout:failure.keepAliveLost', { seconds: this.keepAliveTimeoutMs / 1000 }));
      this.session.close(1000);
    }, this.keepAliveTimeoutMs);
  }

  /**
   * Sends the opening message, waits (bounded) for its answer, then subscribes to the channel (MQTT,
   * STOMP). Answers why the protocol did not open: the server ended the connection before
   * answering (graphql-ws closes with 4403 when it refuses connection_init), refused it (the legacy
   * GraphQL protocol's connection_error), or never answered. A GraphQL server that ended it the way
   * a server of the other GraphQL protocol does leaves that protocol's subprotocol in `offerInstead`.
   */
  async open(): Promise<Message | null> {
    const opening = openingInput(this.protocol, this.layer.summary().facts, { clientId: this.clientId });
    if (opening !== null) {
      const sent = this.trySend(opening);
      const outcome = sent.length > 0 ? await answerTo(this.layer, this.session, sent, openingAnswerTimeoutMs) : 'ended';
      const kind = sent[0]?.kind ?? (opening.protocol === 'graphql-ws' && opening.input.kind === 'message' ? opening.input.type : this.protocol);
      if (outcome === 'ended') {
        // A server may close right after its 101 (subscriptions-transport-ws refuses a subprotocol that way): its close says why.
        await this.session.ended;
        const closed = this.session.closed ?? { by: 'client', how: 'error' };
        if (this.protocol === 'graphql-ws') this.offerInstead = graphqlSubprotocolToOffer(this.session.options.subprotocols, this.session.capture.header.subprotocol, closed);
        return message('fanout:failure.openingEnded', { opening: kind, closed: closedByMessage(closed) });
      }
      if (outcome === 'timeout') return message('fanout:failure.openingUnanswered', { opening: kind, seconds: openingAnswerTimeoutMs / 1000 });
      if (this.refusal !== null) return this.refusal;
    }
    const subscription = subscriptionInput(this.protocol, this.channel, this.clientId);
    if (subscription !== null) this.trySend(subscription);
    return null;
  }

  /**
   * Subscribes with the GraphQL document: `subscribe` or, when the server chose the legacy
   * `graphql-ws` subprotocol, `start` (the encoder follows the session's variant); the results
   * that follow are numbered from 1 again. Nothing is sent after the server refused the opening.
   */
  subscribeDocument(document: string): boolean {
    if (this.refusal !== null) return false;
    this.ordinal = 0;
    this.isSubscriptionOver = false;
    return this.trySend({ protocol: 'graphql-ws', input: { kind: 'subscribe', id: graphqlOperationId, query: document } }).length > 0;
  }

  /**
   * Sends one numbered message as the protocol's message; false when it could not be written. A
   * GraphQL sender runs the mutation as an operation of its own, the message as its `$message`.
   */
  send(text: string): boolean {
    if (this.protocol === 'graphql-ws') {
      if (this.mutation === null) return false;
      this.mutationsSent += 1;
      const variablesJson = JSON.stringify({ message: text });
      return this.trySend({ protocol: 'graphql-ws', input: { kind: 'subscribe', id: `${graphqlOperationId}-send-${this.mutationsSent}`, query: this.mutation, variablesJson } }).length > 0;
    }
    return this.trySend(messageInput(this.protocol, this.channel, text)).length > 0;
  }

  /**
   * A GraphQL message from the server: connection_error refuses the opening; the subscription's
   * results are payloads and its end is the subscription's; a mutation's errors are a failed send
   * (its own result and complete say nothing to count). A message without an id is the subscription's.
   */
  private graphqlReceived(decoded: ProtocolMessage): void {
    if (decoded.kind === 'connection_error') {
      this.refusal = message('fanout:failure.graphqlConnectionError', { errors: errorMessages(recordOf(decoded)?.['payload']) });
      this.isSubscriptionOver = true;
      return;
    }
    const id = recordOf(decoded)?.['id'];
    const errors = graphqlErrors(decoded);
    if (typeof id === 'string' && id !== graphqlOperationId) {
      if (typeof errors === 'string') this.hooks.onSendFailed(message('fanout:failure.graphqlMutationError', { errors }));
      return;
    }
    const text = payloadText(decoded);
    if (text !== null) this.hooks.onPayload(text, ++this.ordinal);
    if (errors === undefined || this.isSubscriptionOver) return;
    this.isSubscriptionOver = true;
    this.hooks.onSubscriptionEnded(errors === null ? null : message('fanout:failure.graphqlError', { errors }));
  }

  /** A SignalR hub refuses the handshake with an `error` in its answer (and then closes). */
  private signalrHandshakeAnswered(decoded: ProtocolMessage): void {
    const error = recordOf(decoded)?.['error'];
    if (typeof error === 'string') this.refusal = message('fanout:failure.signalrHandshakeRefused', { error });
  }

  private trySend(input: ProtocolInput): readonly ProtocolMessage[] {
    try {
      return this.layer.send(input).messages;
    } catch {
      return [];
    }
  }
}

/**
 * The payload a receiver matches: a Socket.IO event's arguments (JSON), an MQTT PUBLISH's payload,
 * a STOMP MESSAGE's body, a GraphQL result's payload (`next`, or the legacy protocol's `data`;
 * JSON), unless that result is a request error (it then ends the subscription instead), a SignalR
 * hub's invocation's arguments (JSON).
 */
export function payloadText(decoded: ProtocolMessage): string | null {
  if (decoded.isControl) return null;
  const tree = recordOf(decoded);
  if (tree === null) return null;
  if (decoded.kind === 'EVENT' || decoded.kind === 'BINARY_EVENT') return JSON.stringify(tree['args'] ?? null);
  if (decoded.protocol === 'signalr') return decoded.kind === 'Invocation' ? JSON.stringify(tree['arguments'] ?? null) : null;
  if (decoded.kind === 'PUBLISH') return typeof tree['payload'] === 'string' ? tree['payload'] : null;
  if (decoded.kind === 'MESSAGE') return typeof tree['body'] === 'string' ? tree['body'] : null;
  if (decoded.protocol === 'graphql-ws' && OPERATION_RESULT.has(decoded.kind)) return requestErrors(tree['payload']) === null ? JSON.stringify(tree['payload'] ?? null) : null;
  return null;
}

/**
 * How a GraphQL message from the server ends its operation (graphql-ws PROTOCOL.md "Error",
 * "Complete"; the legacy protocol's GQL_ERROR, GQL_COMPLETE): null for `complete`, the errors'
 * messages for `error` and for a result that is a request error; undefined when it does not.
 */
function graphqlErrors(decoded: ProtocolMessage): string | null | undefined {
  if (decoded.kind === 'complete') return null;
  const payload = recordOf(decoded)?.['payload'];
  if (decoded.kind === 'error') return errorMessages(payload);
  const errors = OPERATION_RESULT.has(decoded.kind) ? requestErrors(payload) : null;
  return errors === null ? undefined : errorMessages(errors);
}

/**
 * The errors of a result that is a request error: one with `errors` and no `data` entry (GraphQL
 * spec "Response Format": an error raised before execution begins leaves `data` out).
 * subscriptions-transport-ws answers a document that fails validation this way, as a `data`
 * message followed by `complete`; null for a result with data.
 */
function requestErrors(payload: ProtocolValue | undefined): ProtocolValue | null {
  if (!isPlainRecord(payload) || 'data' in payload || payload['errors'] === undefined) return null;
  return payload['errors'];
}

/** The `message` of each GraphQL error (an array, or one error object as the legacy protocol sends), else its JSON, joined by `; `. */
function errorMessages(payload: ProtocolValue | undefined): string {
  const errors = Array.isArray(payload) ? payload : [payload];
  return errors.map((error) => (isPlainRecord(error) && typeof error['message'] === 'string' ? error['message'] : JSON.stringify(error ?? null))).join('; ');
}

/** The two GraphQL-over-WebSocket subprotocols: the graphql-ws library's, and the legacy one of subscriptions-transport-ws (which owns the name `graphql-ws`). */
export type GraphqlSubprotocol = 'graphql-transport-ws' | 'graphql-ws';

/**
 * The subprotocol to offer instead when a GraphQL server ended the connection before
 * connection_ack the way a server of the other protocol does; null for any other end. Read from
 * the real servers: subscriptions-transport-ws (0.11) answers the 101 with the first token offered,
 * whatever it is, then closes with 1002 and no message unless that token is `graphql-ws` (the
 * same with no token); the graphql-ws library (6.x) accepts no token but its own (its 101 then names
 * no subprotocol) and closes with 4406 "Subprotocol not acceptable" (`graphql-ws` CloseCode). So
 * after offering one token, its refusal close code, or a 101 that accepted none before the
 * connection ended, means the server speaks the other protocol.
 */
export function graphqlSubprotocolToOffer(offered: readonly string[], accepted: string | null, closed: ClosedDetails): GraphqlSubprotocol | null {
  if (closed.by !== 'server') return null;
  const tried = accepted ?? (offered.length === 1 ? offered[0] : undefined);
  if (tried === 'graphql-transport-ws' && (closed.closeCode === 1002 || accepted === null)) return 'graphql-ws';
  if (tried === 'graphql-ws' && (closed.closeCode === 4406 || accepted === null)) return 'graphql-transport-ws';
  return null;
}

/** What a failed opening adds when the server's refusal points to the other GraphQL subprotocol: offer that one instead. */
export function graphqlSubprotocolHint(offerInstead: GraphqlSubprotocol): Message {
  return message(offerInstead === 'graphql-ws' ? 'fanout:failure.legacyGraphqlHint' : 'fanout:failure.transportGraphqlHint');
}

function isPlainRecord(value: ProtocolValue | undefined): value is ProtocolRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function recordOf(decoded: ProtocolMessage): ProtocolRecord | null {
  return isPlainRecord(decoded.tree) ? decoded.tree : null;
}

/**
 * A numbered message as the protocol's message: the template as the event's argument (as JSON when
 * it is JSON), a PUBLISH, a SEND, or the one argument of a SignalR invocation that expects no
 * answer (no invocation id: the hub sends no completion to count or wait for).
 */
function messageInput(protocol: AppProtocolId, channel: string, text: string): ProtocolInput {
  switch (protocol) {
    case 'mqtt':
      return { protocol, input: { type: 'PUBLISH', topic: channel, payload: text } };
    case 'stomp':
      return { protocol, input: { kind: 'frame', command: 'SEND', headers: [['destination', channel]], body: text } };
    case 'signalr':
      return { protocol, input: { kind: 'invoke', target: channel, argumentsJson: isJson(text) ? text : JSON.stringify(text) } };
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
