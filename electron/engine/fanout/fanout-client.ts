import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import type { AppProtocolId } from '../../../shared/app-protocol/app-protocol-id.js';
import type { ClientEvent, FanoutProtocol } from '../../../shared/contract/fanout.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { backendFromHandshake, backendFromMessage, readsMessages, type BackendFound } from '../../../shared/fanout/backend-detector.js';
import type { BackendRule } from '../../../shared/fanout/backend-rule.js';
import { ReceiverTally } from '../../../shared/fanout/receiver-tally.js';
import type { SequenceMatch, SequenceMatcher } from '../../../shared/fanout/sequence-matcher.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { message, verbatim, type Message } from '../../../shared/i18n/message.js';
import { closedByMessage } from '../doctor/idle-probe.js';
import { Session, type SessionStorageOptions } from '../session/session.js';
import { FanoutProtocolClient, graphqlSubprotocolHint, type GraphqlSubprotocol } from './fanout-protocol.js';

/** What every client of one run shares: the run's clock, how to read messages, where arrivals go. */
export interface FanoutClientContext {
  readonly runId: string;
  /** Microseconds since the run started (one monotonic clock for every client). */
  readonly nowMicros: () => number;
  readonly storage: SessionStorageOptions;
  readonly rules: readonly BackendRule[];
  /** Reads the number a payload carries; null numbers GraphQL `next`s in the order each subscription sent them. */
  readonly matcher: SequenceMatcher | null;
  /** Notes an arrival run-wide; answers its latency in microseconds, or null when its send time is unknown. */
  readonly arrived: (match: SequenceMatch, atMicros: number) => number | null;
  /** Captures kept per client; older attempts are disposed. */
  readonly attemptsKept: number;
  /** The application protocol every client speaks, and the event, topic or destination of the numbered messages. */
  readonly protocol: FanoutProtocol;
  readonly channel: string;
  /** The GraphQL mutation senders run for each numbered message (graphql-ws); null otherwise. */
  readonly mutation: string | null;
  /** How long a legacy GraphQL client waits for the server's next message once the server has sent a `ka`. */
  readonly keepAliveTimeoutMs: number;
}

const maxTimelineEvents = 64;
const keptFirstEvents = 48;

/**
 * One fan-out client: a `Session` per connection attempt (each attempt's capture kept, up to
 * `attemptsKept`), the backend it landed on, and the tally of what it received. Messages it sends
 * are counted by the run; what it receives is matched here.
 */
export class FanoutClient {
  readonly tally = new ReceiverTally();
  readonly timeline: ClientEvent[] = [];
  /** Captures of its attempts, oldest first. */
  readonly sessions: Session[] = [];
  backend: BackendFound | null = null;
  attempts = 0;
  opened = false;
  failure: string | null = null;
  failureText: Message | null = null;
  listeningFromMicros = Infinity;
  listeningUntilMicros = Infinity;
  private readonly decoder = new TextDecoder();
  private hasMessages = false;
  private lastMessageAtMicros: number | null = null;
  /** The newest attempt's handshake named no backend, so its messages may. */
  private isBackendFromMessages = true;
  private readonly watchesMessages: boolean;
  /** The current attempt's protocol layer; null for raw messages. */
  private protocolClient: FanoutProtocolClient | null = null;
  /**
   * The GraphQL subprotocol it offers when the settings name none: `graphql-transport-ws` (graphql-ws
   * servers require it, their PROTOCOL.md) until a server's refusal makes it fall back; null when
   * the settings name subprotocols (the user's choice is offered as it is) or for other protocols.
   */
  private offeredSubprotocol: GraphqlSubprotocol | null;

  constructor(readonly client: number, readonly isSender: boolean, private readonly options: SessionOptions, private readonly context: FanoutClientContext) {
    this.watchesMessages = readsMessages(context.rules);
    this.offeredSubprotocol = context.protocol === 'graphql-ws' && options.subprotocols.length === 0 ? 'graphql-transport-ws' : null;
  }

  /** The subprotocol the server accepted on its newest attempt (RFC 6455 §4.2.2 Sec-WebSocket-Protocol); null when none was. */
  get subprotocol(): string | null {
    return this.session?.capture.header.subprotocol ?? null;
  }

  /** The current attempt's session, if any. */
  get session(): Session | null {
    return this.sessions.at(-1) ?? null;
  }

  /** True while the current attempt is open. */
  get isOpen(): boolean {
    return this.session?.state === 'open';
  }

  /**
   * Dials a new attempt; resolves true once open, false when it failed. A GraphQL client whose
   * settings name no subprotocol offers one of the two itself; when the server refuses it the way a
   * server of the other protocol does, it notes the fallback and dials once more with the other
   * (never more than once per call, so it cannot loop), and keeps offering the one that worked.
   */
  async connect(): Promise<boolean> {
    const refused = this.offeredSubprotocol;
    const outcome = await this.dial();
    if (outcome !== 'refused-subprotocol' || refused === null) return outcome === 'open';
    const offerInstead = this.protocolClient!.offerInstead!;
    const closed = this.session!.closed ?? { by: 'client', how: 'error' };
    this.note('fallback', message('fanout:note.subprotocolFallback', { refused, offered: offerInstead, closed: closedByMessage(closed) }));
    this.offeredSubprotocol = offerInstead;
    return (await this.dial(false)) === 'open';
  }

  /** One connection attempt: open, failed, or (when the client may fall back) refused in a way that names the other GraphQL subprotocol. */
  private async dial(mayFallBack = true): Promise<'open' | 'failed' | 'refused-subprotocol'> {
    this.attempts += 1;
    const protocolId = this.context.protocol === 'raw' ? null : this.context.protocol;
    let protocolClient: FanoutProtocolClient | null = null;
    const onMessage = (message: CompletedMessage): void => {
      protocolClient?.receive(message);
      this.received(message, protocolClient === null);
    };
    const session = new Session(`fanout-${this.context.runId}-${this.client}-${this.attempts}`, protocolId === null ? this.options : protocolSessionOptions(this.options, protocolId, this.offeredSubprotocol), this.context.storage, { onMessage });
    if (protocolId !== null)
      protocolClient = new FanoutProtocolClient(session, protocolId, this.context.channel, `frameline-fanout-${this.context.runId}-${this.client}`, this.context.mutation, {
        onPayload: (text, ordinal) => this.matched(text, ordinal),
        onSubscriptionEnded: (problem) => (problem === null ? this.note('completed') : this.fail(problem)),
        // The first refused mutation is the sender's failure; the rest would only repeat it.
        onSendFailed: (problem) => (this.failure === null ? this.fail(problem) : undefined),
        onKeepAliveLost: (problem) => this.fail(problem),
      }, this.context.keepAliveTimeoutMs);
    this.protocolClient = protocolClient;
    this.sessions.push(session);
    while (this.sessions.length > this.context.attemptsKept) this.sessions.shift()!.capture.dispose();
    this.note('dial', this.attempts > 1 ? message('fanout:note.attempt', { attempt: this.attempts }) : undefined);
    await session.start();
    // `closing` here: the server answered 101 and closed in the same read. A protocol client's opening reports that close; a raw client waits for it to say why.
    if (session.state === 'closing' && protocolClient === null) await session.ended;
    if (session.state !== 'open' && session.state !== 'closing') {
      const closed = session.closed ?? { by: 'client', how: 'error' };
      this.fail(closed.i18n?.message ?? (closed.message !== undefined ? verbatim(closed.message) : closedByMessage(closed)));
      return 'failed';
    }
    this.opened = true;
    this.failure = null;
    this.failureText = null;
    this.note('open');
    // Each attempt may land elsewhere (a reconnect through round-robin): the client counts under the backend of its newest attempt.
    const response = session.capture.header.handshake?.response;
    const found = response ? backendFromHandshake(this.context.rules, { headers: response.headers, headText: Buffer.from(response.raw, 'base64').toString('latin1') }) : null;
    if (found && found.backend !== this.backend?.backend) {
      this.backend = found;
      this.note('backend', backendNote(found));
    }
    this.isBackendFromMessages = found === null;
    const refused = protocolClient !== null ? await protocolClient.open() : null;
    if (refused === null) return 'open';
    const offerInstead = protocolClient?.offerInstead ?? null;
    if (offerInstead !== null && mayFallBack && this.offeredSubprotocol !== null) return 'refused-subprotocol';
    // A refusal that points to the other subprotocol names it, unless the client just came from that one.
    this.fail(offerInstead !== null && mayFallBack ? message('fanout:failure.withHint', { failure: refused, hint: graphqlSubprotocolHint(offerInstead) }) : refused);
    return 'open';
  }

  /** Starts its GraphQL subscription (graphql-ws) on the open attempt; false when it could not be sent. */
  subscribeDocument(document: string): boolean {
    return this.session?.state === 'open' && this.protocolClient !== null && this.protocolClient.subscribeDocument(document);
  }

  /** True when nothing more will arrive on the current attempt: it is not open, or the server ended its GraphQL subscription. */
  get isStreamOver(): boolean {
    return !this.isOpen || this.protocolClient?.isSubscriptionOver === true;
  }

  /** Sends a text message on the open attempt; false when it is not open. */
  send(text: string): boolean {
    const session = this.session;
    if (session?.state !== 'open') return false;
    if (this.protocolClient !== null) return this.protocolClient.send(text);
    try {
      session.send({ type: 'text', data: text });
      return true;
    } catch {
      return false;
    }
  }

  /** Starts listening (after its subscribe message, if any). */
  markListening(isSubscribed: boolean): void {
    if (this.listeningFromMicros === Infinity) this.listeningFromMicros = this.context.nowMicros();
    if (isSubscribed) this.note('subscribed');
  }

  /** Adds a moment to its timeline (now, or at `atMicros`); a long life keeps its first events and the newest. */
  note(kind: ClientEvent['kind'], detailText?: Message, atMicros = this.context.nowMicros()): void {
    if (this.timeline.length >= maxTimelineEvents) this.timeline.splice(keptFirstEvents, 1);
    this.timeline.push({ atMs: Math.round(atMicros / 100) / 10, kind, ...(detailText ? { detail: englishText(detailText), detailText } : {}) });
  }

  /** Closes the timeline at the end of the run: when the last numbered message arrived. */
  noteLastMessage(): void {
    if (this.lastMessageAtMicros === null) return;
    this.note('last-message', undefined, this.lastMessageAtMicros);
    // Noted at the end but timed earlier (before a GraphQL `complete` or a close, or in the same millisecond): it goes where its time puts it.
    const last = this.timeline.pop()!;
    const firstMessage = this.timeline.findIndex((event) => event.kind === 'first-message');
    const index = this.timeline.findIndex((event, at) => at > firstMessage && event.atMs >= last.atMs);
    this.timeline.splice(index === -1 ? this.timeline.length : index, 0, last);
  }

  /** A message arrived: its text names the backend (when rules read messages) and, for raw messages, carries the number. */
  private received(message: CompletedMessage, isMatched: boolean): void {
    if (message.source !== 'received') return;
    const text = this.decoder.decode(message.payload);
    if (this.isBackendFromMessages && this.watchesMessages) {
      const found = backendFromMessage(this.context.rules, text);
      if (found) {
        this.isBackendFromMessages = false;
        if (found.backend !== this.backend?.backend) this.note('backend', backendNote(found));
        this.backend = found;
      }
    }
    if (isMatched) this.matched(text);
  }

  /** Why its attempt failed or its protocol ended early: kept for the report and noted on its timeline. */
  private fail(problem: Message): void {
    this.failureText = problem;
    this.failure = englishText(problem);
    this.note('failed', problem);
  }

  /** Reads the number a received payload carries (a raw message, or a protocol message's payload; `ordinal` numbers GraphQL `next`s). */
  private matched(text: string, ordinal = 0): void {
    const atMicros = this.context.nowMicros();
    const match = this.context.matcher !== null ? this.context.matcher(text) : ordinal > 0 ? { sender: 0, seq: ordinal, sentAtEpochMs: null } : null;
    if (!match) {
      this.tally.unmatched += 1;
      return;
    }
    if (!this.hasMessages) {
      this.hasMessages = true;
      this.note('first-message');
    }
    this.lastMessageAtMicros = atMicros;
    this.tally.receive(match.sender, match.seq, this.context.arrived(match, atMicros));
  }
}

/** The backend a client landed on and the rule that named it (`b2 (header:X-Served-By)`); both are data. */
function backendNote(found: BackendFound): Message {
  return message('fanout:note.backend', { backend: found.backend, source: found.source });
}

/** The subprotocol a client offers unless the user gave one: brokers require `mqtt` (MQTT 5 §6); GraphQL clients offer their own choice (`offeredSubprotocol`). */
const requiredSubprotocols: Partial<Record<AppProtocolId, string>> = { mqtt: 'mqtt' };

/** A client's options with the protocol chosen, its duties on, and the subprotocol its servers require (or the GraphQL one it offers). */
function protocolSessionOptions(options: SessionOptions, protocol: AppProtocolId, graphqlSubprotocol: GraphqlSubprotocol | null): SessionOptions {
  const required = requiredSubprotocols[protocol] ?? graphqlSubprotocol ?? undefined;
  const subprotocols = required !== undefined && options.subprotocols.length === 0 ? [required] : options.subprotocols;
  return { ...options, protocol, protocolDuties: true, subprotocols };
}
