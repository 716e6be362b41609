import type { Socket } from 'node:net';
import type { SessionState } from '../../../shared/contract/api-session.js';
import type { ClosedBy, ClosedHow } from '../../../shared/contract/records.js';
import type { DecodedItem } from '../../../shared/protocol/decoded-item.js';
import { encodeCloseFrame } from './server-frames.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import type { FrameRecord } from '../../../shared/protocol/frame-record.js';
import { RequestHeadParser, type RequestHead } from '../../../shared/protocol/http-request-parser.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { CaptureLog } from '../capture/capture-log.js';
import type { ClosedDetails } from '../session/closing-handshake.js';
import { startSessionClock, type SessionClock } from '../session/session-clock.js';
import { SessionStateCell } from '../session/session-state.js';
import type { ListenRequestRecord } from './listen-request.js';
import { answerUpgrade, encodeAnswer, type UpgradeAnswer } from './upgrade-answer.js';

/** How one accepted connection behaves. */
export interface ListenConnectionOptions {
  readonly id: number;
  readonly echo: boolean;
  /** Answer every request with this status instead of upgrading (`--respond`). */
  readonly respondStatus: number | null;
  readonly isTls: boolean;
  /** Largest frame accepted from the client; with echo on, whole payloads are kept to send back. */
  readonly maxPayloadBytes: number;
  /** How long a silent client may take to send its request head. */
  readonly requestTimeoutMs: number;
}

const defaultRetentionBytes = 1024 * 1024;

/**
 * One connection accepted by the listener, from the server side: the raw request head exactly as
 * it arrived, our answer, then every frame the client sends (masking keys included) and what we
 * send back, in the same capture log and record shape as a client session. Direction keeps the
 * capture's meaning: `out` is client→server, `in` is server→client.
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
  private readonly parser = new RequestHeadParser();
  private clientFrames: FrameDecoder | null = null;
  private serverFrames: FrameDecoder | null = null;
  private requestTimer: NodeJS.Timeout | null;
  private closeSentBy: 'client' | 'server' | null = null;
  private firstCloseCode: number | undefined;
  private hasSentClose = false;
  private closedValue: ClosedDetails | null = null;
  private readonly stateCell = new SessionStateCell();
  private readonly counts = { framesIn: 0, framesOut: 0 };
  private resolveEnded!: (details: ClosedDetails) => void;

  constructor(private readonly socket: Socket, private readonly options: ListenConnectionOptions) {
    this.clock = startSessionClock();
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    const local = { address: socket.localAddress ?? '', port: socket.localPort ?? 0 };
    const remote = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    this.peer = remote;
    this.capture = new CaptureLog({
      header: {
        created: { iso: new Date(this.clock.anchorEpochMicros / 1000).toISOString(), epochMicros: this.clock.anchorEpochMicros },
        targetUrl: `${options.isTls ? 'wss' : 'ws'}://${formatAddress(local.address)}:${local.port}/`,
        options: { proxies: [], connectTo: null, tls: null },
        endpoints: { local: remote, remote: local },
        tls: null,
        handshake: null,
        extensions: [],
        subprotocol: null,
        redactions: [],
      },
    });
    this.capture.appendEvent({ atMicros: 0, name: 'tcp-connected', peer: 'client', remoteAddress: remote.address, remotePort: remote.port, localAddress: local.address, localPort: local.port, durationMicros: 0 });
    this.requestTimer = setTimeout(() => this.end('timeout', 'no request head arrived in time'), options.requestTimeoutMs);
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => this.onData(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    socket.on('end', () => this.end('fin'));
    socket.on('error', (error: NodeJS.ErrnoException) => this.end(error.code === 'ECONNRESET' ? 'rst' : 'error', error.message));
    socket.on('close', () => this.end('fin'));
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
    return { ...this.counts };
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

  /** Drops the connection (the listener is stopping). */
  destroy(): void {
    this.end('local');
  }

  private onData(chunk: Uint8Array): void {
    const atMicros = this.clock.nowMicros();
    this.capture.appendWireChunk('out', atMicros, chunk.length);
    if (this.clientFrames) return this.handleItems(this.clientFrames.push(chunk, atMicros), 'out');
    if (this.requestValue) return; // a non-upgrade answer was sent; anything more is ignored
    const step = this.parser.push(chunk);
    if (step.kind === 'need-more') return;
    if (step.kind === 'error') {
      this.capture.appendEvent({ atMicros, name: 'error', stage: 'handshake', message: `unreadable request head: ${step.error.error}`, hint: 'the client or proxy did not send an HTTP/1.x request' });
      return this.end('error', `unreadable request head: ${step.error.error}`);
    }
    this.onRequest(step.head, step.rest, atMicros);
  }

  private onRequest(head: RequestHead, rest: Uint8Array, atMicros: number): void {
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
    const answer = answerUpgrade(head, this.options.respondStatus);
    const bytes = encodeAnswer(answer);
    this.socket.write(bytes);
    const answeredAt = this.clock.nowMicros();
    this.capture.appendWireChunk('in', answeredAt, bytes.length);
    this.capture.appendHandshake({ atMicros: answeredAt, request: { method: head.method, target: head.target, httpVersion: head.httpVersion, headers: request.headers, raw: request.raw }, response: responseJson(answer, bytes), checks: [] });
    this.capture.updateHeader({ handshake: { request: { method: head.method, target: head.target, httpVersion: head.httpVersion, headers: request.headers, raw: request.raw }, response: responseJson(answer, bytes), checks: [] } });
    if (!answer.isUpgrade) {
      this.socket.end();
      return;
    }
    this.stateCell.set('open');
    this.startFrames();
    if (rest.length > 0) this.handleItems(this.clientFrames!.push(rest, answeredAt), 'out');
  }

  private startFrames(): void {
    const retention = this.options.echo ? this.options.maxPayloadBytes : defaultRetentionBytes;
    this.clientFrames = new FrameDecoder({ role: 'client', mode: 'observe', payloadRetentionBytes: retention, maxPayloadBytes: this.options.maxPayloadBytes });
    this.serverFrames = new FrameDecoder({ role: 'server', mode: 'observe', payloadRetentionBytes: defaultRetentionBytes, maxPayloadBytes: this.options.maxPayloadBytes });
  }

  private handleItems(items: DecodedItem[], direction: 'in' | 'out'): void {
    for (const item of items) {
      if (item.kind === 'frame') {
        this.capture.appendFrame(item, direction);
        if (direction === 'in') this.counts.framesIn += 1;
        else this.counts.framesOut += 1;
        if (item.opcode === Opcode.close && this.stateCell.current === 'open') this.stateCell.set('closing');
        if (item.opcode === Opcode.close && this.closeSentBy === null) this.firstCloseCode = item.closeCode;
        if (direction === 'out') this.onClientFrame(item);
      } else if (item.kind === 'undecoded') {
        this.capture.appendEvent({ atMicros: item.atMicros, name: 'warning', message: `${item.bytes.length} bytes could not be framed: ${item.violation.message}`, direction, bytes: Buffer.from(item.bytes).toString('base64'), rule: item.violation.rule });
      }
    }
  }

  private onClientFrame(frame: FrameRecord): void {
    if (frame.opcode === Opcode.close) {
      this.closeSentBy ??= 'client';
      // §5.5.1: answer a close with a close echoing the code, then the server closes TCP first (§7.1.1).
      if (!this.hasSentClose) this.write(encodeCloseFrame(frame.closeCode));
      this.socket.end();
      return;
    }
    if (this.hasSentClose) return;
    // §5.5.2: a pong carries the ping's application data.
    if (frame.opcode === Opcode.ping) return this.write(encodeFrame({ opcode: Opcode.pong, payload: frame.payload }));
    if (this.options.echo && frame.opcode !== Opcode.pong) this.write(encodeFrame({ opcode: frame.opcode, fin: frame.fin, payload: frame.payload }));
  }

  private write(bytes: Uint8Array): void {
    if (this.socket.destroyed) return;
    this.socket.write(bytes);
    const atMicros = this.clock.nowMicros();
    this.capture.appendWireChunk('in', atMicros, bytes.length);
    const items = this.serverFrames!.push(bytes, atMicros);
    this.handleItems(items, 'in');
    if (items.some((item) => item.kind === 'frame' && item.opcode === Opcode.close)) {
      this.hasSentClose = true;
      this.closeSentBy ??= 'server';
    }
  }

  private end(end: 'fin' | 'rst' | 'timeout' | 'error' | 'local', message?: string): void {
    if (this.closedValue) return;
    if (this.requestTimer) clearTimeout(this.requestTimer);
    if (this.clientFrames) this.handleItems(this.clientFrames.finish(this.clock.nowMicros()), 'out');
    if (!this.socket.destroyed) this.socket.destroy();
    const details = this.outcome(end, message);
    this.closedValue = details;
    this.capture.appendEvent({ atMicros: this.clock.nowMicros(), name: 'closed', ...details });
    this.capture.seal();
    this.stateCell.set('closed');
    this.resolveEnded(details);
  }

  /** From the server's side: whoever sent the first close frame ended it; otherwise the TCP peer (client or a proxy) did. */
  private outcome(end: 'fin' | 'rst' | 'timeout' | 'error' | 'local', message?: string): ClosedDetails {
    const extra = message ? { message } : {};
    if (this.closeSentBy) {
      const code = this.firstCloseCode !== undefined ? { closeCode: this.firstCloseCode } : {};
      return { by: this.closeSentBy, how: 'close-frame', ...code, ...extra };
    }
    const by: ClosedBy = end === 'local' || end === 'timeout' ? 'server' : 'path';
    const how: ClosedHow = end === 'local' ? 'fin' : end;
    return { by, how, ...extra };
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
