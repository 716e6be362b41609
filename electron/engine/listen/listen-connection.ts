import { isUtf8 } from 'node:buffer';
import type { Socket } from 'node:net';
import type { ClosedDetails, SocketEnd } from '../../../shared/connection/closed-details.js';
import { ClosingHandshake } from '../../../shared/connection/closing-handshake.js';
import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import { seqCounterFrom } from '../../../shared/connection/connection-options.js';
import { sendRefused } from '../../../shared/connection/send-refused-error.js';
import { WebSocketConnection } from '../../../shared/connection/websocket-connection.js';
import type { SendRequest } from '../../../shared/contract/api-send.js';
import type { SessionState } from '../../../shared/contract/api-session.js';
import { defaultSessionLimits } from '../../../shared/contract/session-options.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { recordedText } from '../../../shared/i18n/event-text.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { RequestHeadParser, type RequestHead } from '../../../shared/protocol/http-request-parser.js';
import { agreementParams, type DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import { CaptureLog } from '../capture/capture-log.js';
import { ConnectionDriver } from '../connection/connection-driver.js';
import { connectionDeflate } from '../deflate/connection-deflate.js';
import { outgoingOf } from '../connection/outgoing-request.js';
import { MaskingKeySource } from '../session/masking-keys.js';
import { startSessionClock, type SessionClock } from '../session/session-clock.js';
import { SessionStateCell } from '../session/session-state.js';
import type { ListenRequestRecord } from './listen-request.js';
import { answerUpgrade, encodeAnswer, type ListenAccepts, type UpgradeAnswer } from './upgrade-answer.js';
import { unzeroedBytes } from '../connection/unzeroed-bytes.js';
import { blankCaptureHeader } from '../capture/blank-header.js';

/** How one accepted connection behaves. */
export interface ListenConnectionOptions {
  readonly id: number;
  readonly echo: boolean;
  /** The server's heartbeat: a ping this often (0: none), and a client whose pong does not come within `pongTimeoutMs` is dropped (0: never). */
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
  /** Answer every request with this status instead of upgrading (`--respond`). */
  readonly respondStatus: number | null;
  readonly isTls: boolean;
  /** Largest frame accepted from the client; with echo on, whole payloads are kept to send back. */
  readonly maxPayloadBytes: number;
  /** How long a silent client may take to send its request head. */
  readonly requestTimeoutMs: number;
  /** The subprotocols and extensions a 101 may agree to. */
  readonly accepts: ListenAccepts;
}

/**
 * One connection accepted by the listener, from the server side: the raw request head exactly as
 * it arrived and our answer; after a 101, a WebSocketConnection in the server role (shared/connection)
 * records every frame the client sends (masking keys included) and what we send, in the same
 * capture log and record shape as a client session. Direction keeps the capture's meaning: `out`
 * is client→server, `in` is server→client. It can be driven: send frames, crafted ones too, and close.
 */
export class ListenConnection {
  readonly capture: CaptureLog;
  readonly clock: SessionClock;
  /** Who connected: the client, or the proxy in front of us. */
  readonly peer: { readonly address: string; readonly port: number };
  /** Resolves once the connection has ended, with who ended it and how (from the server's side). */
  readonly ended: Promise<ClosedDetails>;
  private requestValue: ListenRequestRecord | null = null;
  private readonly requestListeners = new Set<(request: ListenRequestRecord) => void>();
  private readonly messageListeners = new Set<(message: CompletedMessage) => void>();
  private readonly parser = new RequestHeadParser();
  private readonly keys = new MaskingKeySource();
  private driver: ConnectionDriver | null = null;
  private requestTimer: NodeJS.Timeout | null;
  private closedValue: ClosedDetails | null = null;
  private readonly stateCell = new SessionStateCell();
  private resolveEnded!: (details: ClosedDetails) => void;
  private readonly onHeadData = (data: Buffer): void => this.readHead(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  private readonly onHeadEnd = (): void => this.endBeforeOpen('fin');
  private readonly onHeadError = (error: NodeJS.ErrnoException): void => this.endBeforeOpen(error.code === 'ECONNRESET' ? 'rst' : 'error', error.message);

  constructor(private readonly socket: Socket, private readonly options: ListenConnectionOptions) {
    this.clock = startSessionClock();
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    const local = { address: socket.localAddress ?? '', port: socket.localPort ?? 0 };
    const remote = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    this.peer = remote;
    this.capture = new CaptureLog({
      header: {
        ...blankCaptureHeader(this.clock.anchorEpochMicros, `${options.isTls ? 'wss' : 'ws'}://${formatAddress(local.address)}:${local.port}/`),
        endpoints: { local: remote, remote: local },
      },
    });
    this.capture.appendEvent({ atMicros: 0, name: 'tcp-connected', peer: 'client', remoteAddress: remote.address, remotePort: remote.port, localAddress: local.address, localPort: local.port, durationMicros: 0 });
    this.requestTimer = setTimeout(() => this.endBeforeOpen('timeout', message('listen:request.timeout')), options.requestTimeoutMs);
    socket.setNoDelay(true);
    socket.on('data', this.onHeadData);
    socket.on('end', this.onHeadEnd);
    socket.on('error', this.onHeadError);
    socket.on('close', this.onHeadEnd);
  }

  /** Which accepted connection, counting from 1 per listener. */
  get id(): number {
    return this.options.id;
  }

  /** connecting until the request is answered; open once upgraded; closing after a close frame; closed at the end. */
  get state(): SessionState {
    return this.stateCell.current;
  }

  /** Frames so far; `out` counts the client's. */
  get frameCounts(): { framesIn: number; framesOut: number } {
    return this.driver?.connection.frameCounts ?? { framesIn: 0, framesOut: 0 };
  }

  /** Calls `listener` on every state change. */
  onDidChangeState(listener: (state: SessionState) => void): () => void {
    return this.stateCell.onDidChange(listener);
  }

  /** The request record, once the head has arrived. */
  get request(): ListenRequestRecord | null {
    return this.requestValue;
  }

  /** How the connection ended, once it has. */
  get closed(): ClosedDetails | null {
    return this.closedValue;
  }

  /** Calls `listener` when the request head has been read (before the handshake record is appended). */
  onDidReceiveRequest(listener: (request: ListenRequestRecord) => void): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }

  /**
   * Calls `listener` with each data message once complete (§5.4), both directions; must be called
   * before the upgrade (the connection reports messages only when someone reads them).
   */
  onDidCompleteMessage(listener: (message: CompletedMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Sends to the client as the server (unmasked unless a crafted frame says otherwise). Throws SendRefusedError before the upgrade or once closing. */
  send(request: SendRequest): void {
    if (!this.driver) throw sendRefused('connection', this.stateCell.current);
    this.driver.send(outgoingOf(request));
  }

  /** Starts the closing handshake with `closeCode` (§7.1.2); once it has started, or before the upgrade, drops the connection. */
  close(closeCode?: number, reason?: string): void {
    if (this.driver) return this.driver.close(closeCode, reason);
    this.destroy();
  }

  /** Drops the connection (the listener is stopping). */
  destroy(): void {
    if (this.driver) return this.driver.abort();
    this.endBeforeOpen('local');
  }

  private readHead(chunk: Uint8Array): void {
    const atMicros = this.clock.nowMicros();
    this.capture.appendWireChunk('out', atMicros, chunk.length);
    if (this.requestValue) return; // a non-upgrade answer was sent; anything more is ignored
    const step = this.parser.push(chunk);
    if (step.kind === 'need-more') return;
    if (step.kind === 'error') {
      const text = message('listen:request.unreadable', { error: step.error.error });
      this.capture.appendEvent({ atMicros, name: 'error', stage: 'handshake', ...recordedText(text, message('listen:request.unreadableHint')) });
      return this.endBeforeOpen('error', text);
    }
    this.answer(step.head, step.rest, atMicros);
  }

  private answer(head: RequestHead, rest: Uint8Array, atMicros: number): void {
    if (this.requestTimer) clearTimeout(this.requestTimer);
    this.requestTimer = null;
    const request: ListenRequestRecord = {
      kind: 'request',
      connection: this.options.id,
      atMicros,
      peer: { address: this.socket.remoteAddress ?? '', port: this.socket.remotePort ?? 0 },
      requestLine: head.requestLine,
      method: head.method,
      target: head.target,
      httpVersion: head.httpVersion,
      headers: head.headers.map(([name, value]) => [name, value]),
      raw: Buffer.from(head.rawHead).toString('base64'),
    };
    this.requestValue = request;
    for (const listener of this.requestListeners) listener(request);
    const answer = answerUpgrade(head, this.options.respondStatus, this.options.accepts);
    const bytes = encodeAnswer(answer);
    this.socket.write(bytes);
    const answeredAt = this.clock.nowMicros();
    this.capture.appendWireChunk('in', answeredAt, bytes.length);
    const handshake = { request: { method: head.method, target: head.target, httpVersion: head.httpVersion, headers: request.headers, raw: request.raw }, response: responseJson(answer, bytes), checks: [] };
    this.capture.appendHandshake({ atMicros: answeredAt, ...handshake });
    if (!answer.isUpgrade) {
      this.socket.end();
      return;
    }
    this.capture.updateHeader({ extensions: answer.deflate ? [{ name: 'permessage-deflate', params: agreementParams(answer.deflate) }] : [], subprotocol: answer.subprotocol });
    this.open(rest, answer.deflate);
  }

  /** After the 101 the socket belongs to the connection and its driver. */
  private open(rest: Uint8Array, deflate: DeflateAgreement | null): void {
    const socket = this.socket;
    socket.off('data', this.onHeadData);
    socket.off('end', this.onHeadEnd);
    socket.off('error', this.onHeadError);
    socket.off('close', this.onHeadEnd);
    socket.on('error', () => undefined);
    this.driver = new ConnectionDriver(socket, this.connection(deflate), {
      capture: this.capture,
      clock: this.clock,
      state: this.stateCell,
      onClosed: (details) => this.settle(details),
      ...(this.messageListeners.size > 0 ? { onMessage: (message: CompletedMessage) => this.messageListeners.forEach((listener) => listener(message)) } : {}),
    });
    this.driver.start(rest);
  }

  private connection(deflate: DeflateAgreement | null): WebSocketConnection {
    const { echo, maxPayloadBytes, pingIntervalMs, pongTimeoutMs } = this.options;
    return new WebSocketConnection({
      role: 'server',
      mode: 'observe',
      // With echo on, whole payloads are kept so they can be sent back.
      limits: { ...defaultSessionLimits, maxPayloadBytes, payloadRetentionBytes: echo ? maxPayloadBytes : defaultSessionLimits.payloadRetentionBytes, sentPayloadRetentionBytes: defaultSessionLimits.payloadRetentionBytes },
      autoPong: true,
      autoEcho: echo,
      autoPingIntervalMs: pingIntervalMs,
      pongTimeoutMs,
      nextMaskingKey: () => this.keys.next(),
      allocateBytes: unzeroedBytes,
      isUtf8,
      seqs: seqCounterFrom(this.capture.count),
      deflate: deflate ? connectionDeflate(deflate, 'server') : null,
      reportsMessages: this.messageListeners.size > 0,
    });
  }

  /** Ends a connection that never upgraded: no close frames, so the server's own ending rules apply. */
  /** Ends a connection that never opened; `why` is the socket's own error text, or a sentence Frameline words. */
  private endBeforeOpen(end: SocketEnd, why?: string | Message): void {
    if (this.closedValue || this.driver) return;
    if (this.requestTimer) clearTimeout(this.requestTimer);
    if (!this.socket.destroyed) this.socket.destroy();
    const outcome = new ClosingHandshake('server').outcome(end, typeof why === 'object' ? englishText(why) : why);
    const details = typeof why === 'object' ? { ...outcome, i18n: { message: why } } : outcome;
    this.capture.appendEvent({ atMicros: this.clock.nowMicros(), name: 'closed', ...details });
    this.capture.seal();
    this.settle(details);
    this.stateCell.set('closed');
  }

  private settle(details: ClosedDetails): void {
    this.closedValue = details;
    this.resolveEnded(details);
  }
}

function responseJson(answer: UpgradeAnswer, bytes: Buffer) {
  return {
    httpVersion: '1.1',
    statusCode: answer.statusCode,
    reason: answer.reason,
    headers: answer.headers,
    ...(answer.body ? { body: Buffer.from(answer.body).toString('base64') } : {}),
    raw: bytes.toString('base64'),
  };
}

function formatAddress(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
