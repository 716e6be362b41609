import type { Duplex } from 'node:stream';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { ConnectionRecord } from '../../../shared/connection/connection-command.js';
import { seqCounterFrom, type SeqCounter } from '../../../shared/connection/connection-options.js';
import { SendRefusedError, sendRefused } from '../../../shared/connection/send-refused-error.js';
import type { PausedMessageInfo, RelayConnectionOptions } from '../../../shared/contract/api-relay.js';
import type { SendRequest } from '../../../shared/contract/api-send.js';
import type { SessionState } from '../../../shared/contract/api-session.js';
import type { CaptureEndpoints, RelayReachedBy } from '../../../shared/contract/capture.js';
import type { HandshakeRecordJson, RelayLeg } from '../../../shared/contract/records.js';
import type { RelayInterception } from '../../../shared/contract/relay-interception.js';
import { sessionOptionsSchema, type SessionOptions } from '../../../shared/contract/session-options.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import type { Direction, FrameRecord } from '../../../shared/protocol/frame-record.js';
import { getHeaderList, getHeaderValue } from '../../../shared/protocol/header-list.js';
import type { RequestHead } from '../../../shared/protocol/http-request-parser.js';
import type { DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import { appProtocolEvents } from '../../../shared/relay/app-protocol-events.js';
import type { PausedResolution, RelayCommand } from '../../../shared/relay/relay-command.js';
import { RelayCore, relayMessage, type MessageClassifier, type RelayMode } from '../../../shared/relay/relay-core.js';
import { forwardableExtensionOffer, upstreamHeaders } from '../../../shared/relay/upstream-headers.js';
import { CaptureLog } from '../capture/capture-log.js';
import { outgoingOf } from '../connection/outgoing-request.js';
import { dial } from '../net/dial.js';
import { formatHostPort } from '../net/dial-target.js';
import type { NetEvent } from '../net/net-event.js';
import { performHandshake } from '../session/handshake-step.js';
import { summariseOptions } from '../session/options-summary.js';
import type { SessionStorageOptions } from '../session/session.js';
import type { SessionClock } from '../session/session-clock.js';
import { SessionStateCell } from '../session/session-state.js';
import { badGatewayAnswer, clientRequestJson, passedOnAnswer, refusalFor, upgradeAnswerFor, type ClientAnswer } from './client-answer.js';
import { nodeTextCodec } from './node-text-codec.js';
import { pausedMessageInfo } from './paused-info.js';
import { RelayLegConnection } from './relay-leg.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { relayNoteEvent } from './relay-note.js';
import { NamedTimers } from '../connection/named-timers.js';
import { blankCaptureHeader } from '../capture/blank-header.js';

/** How one relayed client is carried. */
export interface RelaySessionOptions {
  /** Counting from 1 per relay. */
  readonly connection: number;
  readonly mode: RelayMode;
  readonly upstreamUrl: string;
  readonly upstream: RelayConnectionOptions;
  readonly interception: RelayInterception;
  readonly reachedBy: RelayReachedBy;
  /** The name the client's TLS asked for, when the relay terminated TLS (wss through the proxy). */
  readonly clientTlsServername: string | null;
  /** Started when the client's connection was accepted. */
  readonly clock: SessionClock;
  /** The client's connection: `local` is the relay, `remote` the client. */
  readonly clientEndpoints: CaptureEndpoints;
  /** What happened before the WebSocket request (a CONNECT, the client's TLS), to record first. */
  readonly preamble?: readonly Message[];
  readonly storage?: SessionStorageOptions;
  /** Payload bytes a direction may hold (paused, delayed) before its source stops being read; default 8 MiB. */
  readonly maxHeldBytes?: number;
  /** Bytes waiting in a leg's socket before the other leg stops being read; default 1 MiB. */
  readonly maxWriteBufferBytes?: number;
  /** Names application-protocol events; by default the protocol detected from the URL and subprotocols (shared/relay/app-protocol-events.ts). */
  readonly classify?: MessageClassifier;
}

interface PendingFrame {
  readonly leg: RelayLeg;
  readonly seq: number;
  readonly frame: FrameRecord;
}

const mebibyte = 1024 * 1024;

/**
 * One client carried through the relay: the client's upgrade request, the relay's own connection
 * upstream with all connection settings (headers, proxy, TLS, connect-to, HTTP/1.0) through the
 * dialer and the handshake step, the client's answer, then two legs — a server-role connection
 * toward the client and a client-role one toward the server — with a RelayCore between them. All
 * of it is one capture with both legs, each frame linked to its counterpart. Reading a leg pauses
 * while the other leg's socket is backed up or its direction holds too much, so a fast sender
 * meets TCP back-pressure instead of filling memory.
 */
export class RelaySession {
  readonly capture: CaptureLog;
  readonly clock: SessionClock;
  /** Resolves once both legs are over (or the session never opened). */
  readonly ended: Promise<ClosedDetails>;
  /** The client, as host:port. */
  readonly peer: string;
  private readonly stateCell = new SessionStateCell();
  private readonly pausedListeners = new Set<(paused: PausedMessageInfo[]) => void>();
  private legs: Record<RelayLeg, RelayLegConnection> | null = null;
  private core: RelayCore | null = null;
  private seqs: SeqCounter | null = null;
  private readonly pending: PendingFrame[] = [];
  private readonly endedLegs: RelayLeg[] = [];
  private readonly timers = new NamedTimers<Direction>();
  private guardTimer: NodeJS.Timeout | null = null;
  private isFlushing = false;
  private isClientGone = false;
  private isAborted = false;
  /** Both legs are being ended (a frame could not be forwarded, framing broke): no more notes about what could not go. */
  private isFailing = false;
  private failReason: Message | null = null;
  private closedValue: ClosedDetails | null = null;
  private resolveEnded!: (details: ClosedDetails) => void;
  private interception: RelayInterception;

  constructor(
    private readonly clientSocket: Duplex,
    private readonly head: RequestHead,
    private readonly rest: Uint8Array,
    private readonly options: RelaySessionOptions,
  ) {
    this.clock = options.clock;
    this.interception = options.interception;
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    const client = options.clientEndpoints.remote;
    this.peer = formatHostPort(client.address, client.port);
    this.capture = new CaptureLog({
      ...options.storage,
      header: {
        ...blankCaptureHeader(this.clock.anchorEpochMicros, options.upstreamUrl),
        relay: { mode: options.mode, reachedBy: options.reachedBy, clientEndpoints: options.clientEndpoints, clientTlsServername: options.clientTlsServername },
      },
    });
    const local = options.clientEndpoints.local;
    this.capture.appendEvent({ atMicros: 0, name: 'tcp-connected', peer: 'client', remoteAddress: client.address, remotePort: client.port, localAddress: local.address, localPort: local.port, durationMicros: 0, leg: 'client' });
    for (const text of options.preamble ?? []) this.capture.appendEvent(relayNoteEvent(this.clock.nowMicros(), 'client', text));
    clientSocket.on('error', () => undefined);
    clientSocket.once('close', () => (this.isClientGone = true));
  }

  /** Which accepted client, counting from 1 per relay. */
  get connection(): number {
    return this.options.connection;
  }

  get upstreamUrl(): string {
    return this.options.upstreamUrl;
  }

  /** connecting until both legs are open; closing once either leg is; closed when both are over. */
  get state(): SessionState {
    return this.stateCell.current;
  }

  /** How the client's side ended (what the client saw), once the session is over. */
  get closed(): ClosedDetails | null {
    return this.closedValue;
  }

  /** Frames on both legs: `out` client→server (client→relay and relay→server), `in` the other way. */
  get frameCounts(): { framesIn: number; framesOut: number } {
    if (!this.legs) return { framesIn: 0, framesOut: 0 };
    const client = this.legs.client.connection.frameCounts;
    const server = this.legs.server.connection.frameCounts;
    return { framesIn: client.framesIn + server.framesIn, framesOut: client.framesOut + server.framesOut };
  }

  /**
   * What the session holds in memory right now: bytes waiting in each leg's socket, payload bytes
   * held per direction (paused, delayed, incomplete messages), and which legs are not being read.
   */
  backlog(): { writeBuffered: Record<RelayLeg, number>; held: Record<Direction, number>; isReadingPaused: Record<RelayLeg, boolean> } {
    const legs = this.legs;
    return {
      writeBuffered: { client: legs?.client.writableLength ?? 0, server: legs?.server.writableLength ?? 0 },
      held: { out: this.core?.heldBytes('out') ?? 0, in: this.core?.heldBytes('in') ?? 0 },
      isReadingPaused: { client: legs?.client.isPaused ?? false, server: legs?.server.isPaused ?? false },
    };
  }

  /** Calls `listener` on every state change. */
  onDidChangeState(listener: (state: SessionState) => void): () => void {
    return this.stateCell.onDidChange(listener);
  }

  /** Calls `listener` with the whole paused queue whenever it changes. */
  onDidChangePaused(listener: (paused: PausedMessageInfo[]) => void): () => void {
    this.pausedListeners.add(listener);
    return () => this.pausedListeners.delete(listener);
  }

  /** Dials upstream, performs both handshakes and starts carrying frames. Resolves once open or over. */
  async start(): Promise<void> {
    const refusal = refusalFor(this.head);
    if (refusal) return this.endBeforeOpen(refusal, closedWith('server', 'error', message('relay:closed.notUpgrade', { statusCode: refusal.response.statusCode })));
    const upstream = this.upstreamOptions();
    this.capture.updateHeader({ options: summariseOptions(upstream) });
    const hooks = { nowMicros: () => this.clock.nowMicros(), onEvent: (event: NetEvent) => void this.capture.appendEvent({ ...event, leg: 'server' }) };
    const dialed = await dial(upstream, hooks);
    if (!dialed.ok) {
      const { stage, message: text, hint, code, i18n } = dialed.failure;
      this.capture.appendEvent({ atMicros: this.clock.nowMicros(), name: 'error', stage, message: text, hint, ...(code ? { code } : {}), i18n, leg: 'server' });
      return this.endBeforeOpen(badGatewayAnswer(text), { by: 'path', how: 'error', message: text, i18n: { message: i18n.message } });
    }
    dialed.socket.on('error', () => undefined);
    if (this.isAborted || this.isClientGone) {
      dialed.socket.destroy();
      return this.endBeforeOpen(null, closedWith('client', 'fin', message('relay:closed.clientLeft')));
    }
    this.capture.updateHeader({ endpoints: { local: dialed.local, remote: dialed.remote }, tls: dialed.tls ?? null });
    const accepted = await performHandshake({ socket: dialed.socket, options: upstream, capture: this.capture, clock: this.clock, peer: formatHostPort(dialed.remote.address, dialed.remote.port), leg: 'server' });
    const upstreamHandshake = this.lastHandshake();
    if (!accepted.ok) {
      dialed.socket.destroy();
      const response = upstreamHandshake?.response;
      return this.endBeforeOpen(response ? passedOnAnswer(response) : badGatewayAnswer(accepted.closed.message ?? 'no handshake response'), accepted.closed);
    }
    if (this.isAborted || this.isClientGone) {
      dialed.socket.destroy();
      return this.endBeforeOpen(null, closedWith('client', 'fin', message('relay:closed.clientLeft')));
    }
    const responseHeaders = upstreamHandshake?.response?.headers ?? [];
    const answer = upgradeAnswerFor(this.head, responseHeaders, accepted.deflate ? getHeaderValue(responseHeaders, 'sec-websocket-extensions') : null);
    this.answerClient(answer);
    const acceptedSubprotocol = getHeaderValue(responseHeaders, 'sec-websocket-protocol');
    const classify = this.options.classify ?? appProtocolEvents({ url: this.options.upstreamUrl, offeredSubprotocols: getHeaderList(this.head.headers, 'sec-websocket-protocol'), ...(acceptedSubprotocol ? { acceptedSubprotocol } : {}) });
    this.open(dialed.socket, accepted.rest, accepted.deflate, classify);
  }

  /** The paused queue with previews, oldest first. */
  pausedMessages(): PausedMessageInfo[] {
    const core = this.core;
    return core ? core.pausedMessages().map((paused) => pausedMessageInfo(paused, core.pausedPayload(paused.pausedId))) : [];
  }

  /** A paused message's payload as it would be forwarded. */
  pausedPayload(pausedId: number): { payload: Uint8Array; opcode: number } {
    const core = this.openCore();
    const paused = core.pausedMessages().find((each) => each.pausedId === pausedId);
    return { payload: core.pausedPayload(pausedId), opcode: paused?.opcode ?? 0 };
  }

  /** A person's decision on a paused message; throws RelayActionError when it cannot be carried out. */
  resolve(pausedId: number, resolution: PausedResolution): void {
    this.run(this.openCore().resolve(pausedId, resolution, this.clock.nowMicros()));
  }

  /**
   * Sends on one leg now, as if the other end had sent it. Messages go as one frame (uncompressed
   * in frame-exact mode, see relayMessage); control and crafted frames as requested.
   */
  inject(leg: RelayLeg, request: SendRequest): void {
    const target = this.openLegs()[leg];
    const outgoing =
      request.type === 'text' ? relayMessage(this.options.mode, 1, new TextEncoder().encode(request.data))
      : request.type === 'binary' ? relayMessage(this.options.mode, 2, Buffer.from(request.base64, 'base64'))
      : outgoingOf(request);
    target.send(outgoing);
    this.note(leg, message('relay:note.injectedByYou', { what: request.type }));
  }

  /** Starts the closing handshake on one leg with `closeCode` (any 16-bit code); drops it if it has started. */
  closeLeg(leg: RelayLeg, closeCode?: number, reason?: string): void {
    const target = this.openLegs()[leg];
    if (target.closed) return;
    target.close(closeCode, reason);
    this.note(leg, closeCode === undefined ? message('relay:note.closedByYouNoCode') : message('relay:note.closedByYou', { code: closeCode }));
  }

  /** New breakpoints, rules and shaping, for messages that complete from now on. */
  setInterception(interception: RelayInterception): void {
    this.interception = interception;
    if (this.core) this.run(this.core.setInterception(interception, this.clock.nowMicros()));
  }

  /** Drops both legs now (the relay is stopping). */
  abort(): void {
    this.isAborted = true;
    if (!this.legs) {
      this.clientSocket.destroy();
      return;
    }
    for (const leg of Object.values(this.legs)) if (!leg.closed) leg.abort('the relay was stopped');
  }

  private upstreamOptions(): SessionOptions {
    const headers = upstreamHeaders(this.head.headers, forwardableExtensionOffer(this.head.headers), this.options.upstream.headers);
    return sessionOptionsSchema.parse({ ...this.options.upstream, url: this.options.upstreamUrl, headers });
  }

  private lastHandshake(): HandshakeRecordJson | null {
    // By kind first: a frame's record is never built (nor its payload read) to be passed over.
    for (let seq = this.capture.count - 1; seq >= 0; seq--) if (this.capture.kindAt(seq) === 'handshake') return this.capture.getRecordJson(seq) as HandshakeRecordJson;
    return null;
  }

  private answerClient(answer: ClientAnswer): void {
    if (!this.clientSocket.destroyed) this.clientSocket.write(answer.bytes);
    this.capture.appendHandshake({ atMicros: this.clock.nowMicros(), request: clientRequestJson(this.head), response: answer.response, checks: [], leg: 'client' });
  }

  /** Both handshakes are done: the two legs and the core between them. */
  private open(upstreamSocket: Duplex, upstreamHead: Uint8Array, deflate: DeflateAgreement | null, classify: MessageClassifier | null): void {
    const seqs = seqCounterFrom(this.capture.count);
    this.seqs = seqs;
    const limits = this.options.upstream.limits;
    const events = {
      onRecord: (leg: RelayLeg, seq: number, record: ConnectionRecord) => this.onRecord(leg, seq, record),
      onApplied: () => this.flush(),
      onClosed: (leg: RelayLeg) => this.endedLegs.push(leg),
      onDrain: () => this.balance(),
    };
    const common = { capture: this.capture, clock: this.clock, seqs, limits, deflate };
    this.legs = {
      client: new RelayLegConnection({ ...common, name: 'client', socket: this.clientSocket }, events),
      server: new RelayLegConnection({ ...common, name: 'server', socket: upstreamSocket }, events),
    };
    this.core = new RelayCore({
      mode: this.options.mode,
      interception: this.interception,
      deflate,
      codec: nodeTextCodec,
      limits: { maxFragments: limits.maxFragments, maxPayloadBytes: limits.maxPayloadBytes },
      ...(classify ? { classify } : {}),
    });
    for (const leg of Object.values(this.legs)) leg.state.onDidChange(() => this.followLegs());
    this.stateCell.set('open');
    this.legs.server.start(upstreamHead);
    this.legs.client.start(this.rest);
  }

  private onRecord(leg: RelayLeg, seq: number, record: ConnectionRecord): void {
    if (record.kind === 'frame' && record.source === 'received') this.pending.push({ leg, seq, frame: record.frame });
    // Bytes that cannot be framed cannot be forwarded frame by frame either: the relay ends both legs (§7.1.7, 1002).
    if (record.kind === 'undecoded' && record.source === 'received' && !this.isFailing) this.failReason = message('relay:note.framingBroken', { leg: legName(leg) });
  }

  /** Acts on what the legs read, once their records are all in the capture (seqs stay in order). */
  private flush(): void {
    if (this.isFlushing || !this.core) return;
    this.isFlushing = true;
    try {
      while (this.pending.length > 0 || this.endedLegs.length > 0 || this.failReason !== null) {
        const next = this.pending.shift();
        if (next) {
          this.run(this.core.frameRead(next.leg === 'client' ? 'out' : 'in', next.seq, next.frame, this.clock.nowMicros()));
          continue;
        }
        if (this.failReason !== null) {
          const reason = this.failReason;
          this.failReason = null;
          this.failBoth(1002, reason);
          continue;
        }
        this.legEnded(this.endedLegs.shift()!);
      }
    } finally {
      this.isFlushing = false;
    }
    this.balance();
  }

  private run(commands: readonly RelayCommand[]): void {
    for (const command of commands) {
      switch (command.type) {
        case 'send':
          this.forward(command.leg, command);
          break;
        case 'note':
          this.note(command.leg, command.text, command.seqs);
          break;
        case 'arm-timer':
          this.armTimer(command.direction, command.delayMs);
          break;
        case 'paused-changed': {
          const paused = this.pausedMessages();
          for (const listener of this.pausedListeners) listener(paused);
          break;
        }
        case 'unforwardable':
          this.failBoth(1009, command.text);
          break;
      }
    }
  }

  private forward(leg: RelayLeg, command: Extract<RelayCommand, { type: 'send' }>): void {
    const target = this.legs![leg];
    // §5.5.1: nothing may follow the close a leg has sent; a leg that is over takes nothing.
    if (target.closed || target.connection.hasSentClose) {
      // A close that answers a close the leg already sent is the ordinary end, not news.
      if (!this.isFailing && !isCloseFrame(command)) this.note(leg, message('relay:note.notForwarded', { leg: legName(leg) }), command.links);
      return;
    }
    try {
      target.send(command.outgoing, command.links);
    } catch (error) {
      if (!(error instanceof SendRefusedError)) throw error;
      this.note(leg, message('relay:note.notForwarded', { leg: legName(leg) }), command.links);
    }
  }

  /** A leg ended: a message it cut off goes on as far as it came; a cut (no close frame) is passed on as a cut. */
  private legEnded(leg: RelayLeg): void {
    const legs = this.legs!;
    this.run(this.core!.sourceEnded(leg === 'client' ? 'out' : 'in', this.clock.nowMicros()));
    const other = legs[leg === 'client' ? 'server' : 'client'];
    const details = legs[leg].closed;
    if (!other.closed) {
      if (details?.how !== 'close-frame') other.abort(`the ${leg} leg ended (${details?.how ?? 'unknown'})`);
      else this.guardOther(other);
    }
    if (legs.client.closed && legs.server.closed) this.finish(legs.client.closed);
  }

  /** After a leg's closing handshake, the other gets the close timeout to finish its own before it is dropped. */
  private guardOther(other: RelayLegConnection): void {
    if (this.guardTimer) return;
    const waitMs = this.options.upstream.limits.closeTimeoutMs + 1_000;
    this.guardTimer = setTimeout(() => {
      if (!other.closed) other.abort('the other leg closed and this one did not finish its closing handshake in time');
    }, waitMs);
  }

  /** Ends both legs: a close with `closeCode` where the leg is open, a drop where it is closing. */
  private failBoth(closeCode: number, reason: Message): void {
    if (this.isFailing) return;
    this.isFailing = true;
    this.note(null, reason);
    for (const leg of Object.values(this.legs!)) {
      if (leg.closed) continue;
      if (leg.connection.state === 'open') leg.close(closeCode);
      else leg.abort(englishText(reason));
    }
  }

  private armTimer(direction: Direction, delayMs: number): void {
    this.timers.arm(direction, delayMs, () => {
      if (this.core && !this.closedValue) {
        this.run(this.core.timerFired(direction, this.clock.nowMicros()));
        this.balance();
      }
    });
  }

  /**
   * Back-pressure, per direction: stop reading its source while the leg it goes to has more than
   * `maxWriteBufferBytes` waiting in its socket, or while the direction holds more than
   * `maxHeldBytes` behind a paused or delayed message; read again once that clears ('drain').
   */
  private balance(): void {
    const legs = this.legs;
    const core = this.core;
    if (!legs || !core) return;
    const maxWrite = this.options.maxWriteBufferBytes ?? mebibyte;
    const maxHeld = this.options.maxHeldBytes ?? 8 * mebibyte;
    for (const direction of ['out', 'in'] as const) {
      const source = legs[direction === 'out' ? 'client' : 'server'];
      const target = legs[direction === 'out' ? 'server' : 'client'];
      if (source.closed) continue;
      const isBackedUp = !target.closed && target.writableLength > maxWrite;
      const isHolding = core.isWaiting(direction) && core.heldBytes(direction) > maxHeld;
      source.setReading(!isBackedUp && !isHolding);
    }
  }

  private followLegs(): void {
    if (!this.legs || this.stateCell.current === 'closed') return;
    const states = [this.legs.client.state.current, this.legs.server.state.current];
    if (states.some((state) => state === 'closing' || state === 'closed')) this.stateCell.set('closing');
  }

  /**
   * Writes a note event and takes its number from the legs' seq counter, so the connections'
   * numbering stays the capture's. Past the record budget the two part (the capture's warning, the
   * frames it only counts); each leg's driver follows that (capture-seqs.ts), so nothing here may
   * insist on them being equal.
   */
  private note(leg: RelayLeg | null, text: Message, seqs: readonly number[] = []): void {
    if (this.capture.isSealed) return;
    this.seqs?.next();
    this.capture.appendEvent(relayNoteEvent(this.clock.nowMicros(), leg, text, seqs));
  }

  private openCore(): RelayCore {
    if (!this.core || this.closedValue) throw sendRefused('relayAction', this.stateCell.current);
    return this.core;
  }

  private openLegs(): Record<RelayLeg, RelayLegConnection> {
    if (!this.legs || this.closedValue) throw sendRefused('relay', this.stateCell.current);
    return this.legs;
  }

  /** The session never opened: answer the client (when it is still there), record how it ended, seal. */
  private endBeforeOpen(answer: ClientAnswer | null, details: ClosedDetails): void {
    if (answer) {
      this.answerClient(answer);
      if (!this.clientSocket.destroyed) this.clientSocket.end();
    } else {
      this.clientSocket.destroy();
    }
    this.capture.appendEvent({ atMicros: this.clock.nowMicros(), name: 'closed', ...details, leg: 'server' });
    this.finish(details);
  }

  private finish(details: ClosedDetails): void {
    if (this.closedValue) return;
    this.timers.cancelAll();
    if (this.guardTimer) clearTimeout(this.guardTimer);
    this.closedValue = details;
    this.capture.seal();
    this.resolveEnded(details);
    this.stateCell.set('closed');
    for (const listener of this.pausedListeners) listener([]);
  }
}

const legNames: Record<RelayLeg, string> = { client: 'relay:leg.client', server: 'relay:leg.server' };

/** A leg's name in the reader's language. */
function legName(leg: RelayLeg): Message {
  return message(legNames[leg]);
}

function isCloseFrame(command: Extract<RelayCommand, { type: 'send' }>): boolean {
  const outgoing = command.outgoing;
  return outgoing.kind === 'close' || (outgoing.kind === 'frames' && outgoing.frames[0]?.opcode === 0x8);
}

/** Closed details for an end Frameline words: English in `message`, the message in `i18n`. */
function closedWith(by: ClosedDetails['by'], how: ClosedDetails['how'], text: Message): ClosedDetails {
  return { by, how, message: englishText(text), i18n: { message: text } };
}
