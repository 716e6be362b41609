import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { SendRequest } from '../../../shared/contract/api-send.js';
import type { SessionState } from '../../../shared/contract/api-session.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import type { DecodedItem } from '../../../shared/protocol/decoded-item.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import type { FrameRecord } from '../../../shared/protocol/frame-record.js';
import type { MessageDeflater } from '../../../shared/protocol/message-codec.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { clientCodecParams, type DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import type { CaptureBudgetOptions } from '../capture/capture-budgets.js';
import { CaptureLog } from '../capture/capture-log.js';
import { ZlibDeflater, ZlibInflater } from '../deflate/zlib-codec.js';
import { dial } from '../net/dial.js';
import type { NetEvent } from '../net/net-event.js';
import { formatHostPort } from '../net/dial-target.js';
import { ClosingHandshake, type ClosedDetails, type SocketEnd } from './closing-handshake.js';
import { performHandshake } from './handshake-step.js';
import { MaskingKeySource } from './masking-keys.js';
import { captureTlsSummary, summariseOptions } from './options-summary.js';
import { encodeSendRequest } from './outgoing-frames.js';
import { PingTracker } from './ping-tracker.js';
import { startSessionClock, type SessionClock } from './session-clock.js';
import { SessionStateCell } from './session-state.js';

/** Why a send was refused; the session itself is unaffected. */
export class SendRefusedError extends Error {
  override readonly name = 'SendRefusedError';
}

/** The session capture's budgets and where its payloads spill (capture-log.ts has the defaults). */
export type SessionStorageOptions = CaptureBudgetOptions;

/**
 * One live connection from the client side: dial, handshake, frames both ways, heartbeats and the
 * closing handshake, every step appended to its capture. Frames we send are recorded by decoding
 * the exact bytes written, so a crafted or illegal frame is shown the same way the peer sees it.
 */
export class Session {
  readonly capture: CaptureLog;
  readonly clock: SessionClock;
  /** Resolves with the `closed` details once the session has ended, whatever the cause. */
  readonly ended: Promise<ClosedDetails>;
  private readonly stateCell = new SessionStateCell();
  private socket: Duplex | null = null;
  private inbound: FrameDecoder | null = null;
  private outbound: FrameDecoder | null = null;
  private deflater: MessageDeflater | null = null;
  private readonly keys = new MaskingKeySource();
  private readonly pings = new PingTracker();
  private readonly closing = new ClosingHandshake();
  private closeTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private pingCount = 0;
  private isAborted = false;
  private closedValue: ClosedDetails | null = null;
  private resolveEnded!: (details: ClosedDetails) => void;
  private framesInCount = 0;
  /** Strict mode: why we failed the connection, carried into the `closed` event. */
  private failureMessage: string | null = null;
  private framesOutCount = 0;

  constructor(readonly id: string, readonly options: SessionOptions, storage: SessionStorageOptions = {}) {
    this.clock = startSessionClock();
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    const anchorMs = this.clock.anchorEpochMicros / 1000;
    this.capture = new CaptureLog({
      ...storage,
      header: {
        created: { iso: new Date(anchorMs).toISOString(), epochMicros: this.clock.anchorEpochMicros },
        targetUrl: options.url,
        options: summariseOptions(options),
        endpoints: null,
        tls: null,
        handshake: null,
        extensions: [],
        subprotocol: null,
        redactions: [],
      },
    });
  }

  /** Where the session is in its life. */
  get state(): SessionState {
    return this.stateCell.current;
  }

  /** How the session ended, once it has. */
  get closed(): ClosedDetails | null {
    return this.closedValue;
  }

  /** Strict mode: the rule that made us fail the connection, or null. */
  get failure(): string | null {
    return this.failureMessage;
  }

  /** Frames received and sent so far. */
  get frameCounts(): { framesIn: number; framesOut: number } {
    return { framesIn: this.framesInCount, framesOut: this.framesOutCount };
  }

  /** Calls `listener` on every state change; returns the unsubscribe. */
  onDidChangeState(listener: (state: SessionState) => void): () => void {
    return this.stateCell.onDidChange(listener);
  }

  /** Dials, handshakes and starts reading frames. Resolves once the session is open or has ended. */
  async start(): Promise<void> {
    const hooks = { nowMicros: () => this.clock.nowMicros(), onEvent: (event: NetEvent) => void this.capture.appendEvent(event) };
    const dialed = await dial(this.options, hooks);
    if (!dialed.ok) {
      const { stage, message, hint, code } = dialed.failure;
      this.capture.appendEvent({ atMicros: this.clock.nowMicros(), name: 'error', stage, message, hint, ...(code ? { code } : {}) });
      const how = code === 'ETIMEDOUT' ? 'timeout' : 'error';
      return this.finish({ by: how === 'timeout' ? 'client' : 'path', how, message });
    }
    this.socket = dialed.socket;
    if (this.isAborted) return this.endSocket('local');
    (dialed.socket as Partial<Socket>).setNoDelay?.(true);
    this.capture.updateHeader({ endpoints: { local: dialed.local, remote: dialed.remote }, tls: dialed.tls ? captureTlsSummary(dialed.tls) : null });
    dialed.socket.on('error', () => undefined);

    const accepted = await performHandshake({
      socket: dialed.socket,
      options: this.options,
      capture: this.capture,
      clock: this.clock,
      peer: formatHostPort(dialed.remote.address, dialed.remote.port),
    });
    if (!accepted.ok) {
      dialed.socket.destroy();
      return this.finish(accepted.closed);
    }
    if (this.isAborted) return this.endSocket('local');
    this.startFrames(dialed.socket, accepted.deflate);
    if (accepted.rest.length > 0) this.handleItems(this.inbound!.push(accepted.rest, this.clock.nowMicros()), 'in');
    dialed.socket.resume();
  }

  /** Sends one message or crafted frame. Throws SendRefusedError when the session cannot send. */
  send(request: SendRequest): void {
    if (this.stateCell.current !== 'open' && !(this.stateCell.current === 'closing' && request.type === 'frame')) {
      throw new SendRefusedError(`cannot send: the session is ${this.stateCell.current}`);
    }
    const frames = encodeSendRequest(request, { keys: this.keys, deflater: this.deflater, masks: true });
    for (const frame of frames) this.write(frame);
  }

  /**
   * Starts the closing handshake (§7.1.2), or, if one is under way or the session is still
   * connecting, drops the connection.
   */
  close(closeCode?: number, reason?: string): void {
    if (this.stateCell.current === 'closed') return;
    if (this.stateCell.current === 'open') {
      this.send({ type: 'close', ...(closeCode !== undefined ? { code: closeCode } : {}), ...(reason ? { reason } : {}) });
      return;
    }
    this.isAborted = true;
    if (this.socket) this.endSocket('local');
  }

  private startFrames(socket: Duplex, deflate: DeflateAgreement | null): void {
    const codec = deflate ? clientCodecParams(deflate) : null;
    const { limits, mode } = this.options;
    const common = {
      payloadRetentionBytes: limits.payloadRetentionBytes,
      maxPayloadBytes: limits.maxPayloadBytes,
      negotiatedExtensions: deflate ? ['permessage-deflate'] : [],
    };
    this.inbound = new FrameDecoder({ ...common, role: 'server', mode, ...(codec ? { inflater: new ZlibInflater(codec.inflate) } : {}) });
    // Our own frames are decoded to be recorded; observe mode, because a crafted frame is meant to break rules.
    this.outbound = new FrameDecoder({ ...common, role: 'client', mode: 'observe', ...(codec ? { inflater: new ZlibInflater(codec.deflate) } : {}) });
    this.deflater = codec ? new ZlibDeflater(codec.deflate) : null;
    socket.on('data', (data: Buffer) => this.onData(data));
    socket.on('end', () => this.endSocket('fin'));
    socket.on('error', (error: NodeJS.ErrnoException) => this.endSocket(error.code === 'ECONNRESET' ? 'rst' : 'error', error.message));
    socket.on('close', () => this.endSocket('fin'));
    this.stateCell.set('open');
    this.startAutoPing();
  }

  private onData(data: Buffer): void {
    const atMicros = this.clock.nowMicros();
    const chunk = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.capture.appendWireChunk('in', atMicros, chunk.length);
    this.handleItems(this.inbound!.push(chunk, atMicros), 'in');
  }

  private write(frame: Uint8Array): void {
    const socket = this.socket;
    if (!socket || socket.destroyed) throw new SendRefusedError('cannot send: the connection is gone');
    socket.write(frame);
    const atMicros = this.clock.nowMicros();
    this.capture.appendWireChunk('out', atMicros, frame.length);
    this.handleItems(this.outbound!.push(frame, atMicros), 'out');
  }

  private handleItems(items: DecodedItem[], direction: 'in' | 'out'): void {
    for (const item of items) {
      if (item.kind === 'frame') this.onFrame(item, direction);
      else if (item.kind === 'undecoded') {
        this.capture.appendEvent({
          atMicros: item.atMicros,
          name: 'warning',
          message: `${item.bytes.length} ${direction === 'in' ? 'received' : 'sent'} bytes could not be framed: ${item.violation.message}`,
          direction,
          bytes: Buffer.from(item.bytes).toString('base64'),
          rule: item.violation.rule,
        });
      } else if (direction === 'in') {
        this.failConnection(item.closeCode, item.violation.message);
      }
    }
  }

  private onFrame(frame: FrameRecord, direction: 'in' | 'out'): void {
    if (direction === 'out') {
      this.framesOutCount++;
      if (frame.opcode === Opcode.ping) this.pings.pingSent(frame.payload, frame.atMicros);
      this.capture.appendFrame(frame, 'out');
      if (frame.opcode === Opcode.close) this.onCloseFrame(frame, 'out');
      return;
    }
    this.framesInCount++;
    const rtt = frame.opcode === Opcode.pong ? this.pings.pongReceived(frame.payload, frame.atMicros) : undefined;
    this.capture.appendFrame(frame, 'in', rtt);
    if (frame.opcode === Opcode.ping && this.options.heartbeat.autoPong && !this.closing.hasSentClose) {
      // §5.5.2: answer with a pong carrying the same application data.
      this.send({ type: 'pong', base64: Buffer.from(frame.payload).toString('base64') });
    }
    if (frame.opcode === Opcode.close) this.onCloseFrame(frame, 'in');
  }

  private onCloseFrame(frame: FrameRecord, direction: 'in' | 'out'): void {
    const seen = { ...(frame.closeCode !== undefined ? { closeCode: frame.closeCode } : {}), ...(frame.closeReason ? { closeReason: frame.closeReason } : {}) };
    if (direction === 'out') {
      this.closing.closeSent(seen);
    } else {
      this.closing.closeReceived(seen);
      // §5.5.1: answer a close with a close, echoing the status code.
      if (!this.closing.hasSentClose && this.socket && !this.socket.destroyed) {
        this.send({ type: 'close', ...(frame.closeCode !== undefined ? { code: frame.closeCode } : {}) });
      }
    }
    this.stateCell.set('closing');
    this.stopAutoPing();
    this.armCloseTimer();
  }

  /** Strict mode: §7.1.7 — send a close frame with the rule's code, then drop the connection. */
  private failConnection(closeCode: number, message: string): void {
    this.failureMessage ??= message;
    this.capture.appendEvent({ atMicros: this.clock.nowMicros(), name: 'error', stage: 'websocket', message, hint: 'strict mode fails the connection as a conforming client would; observe mode would keep reading' });
    if (closeCode !== 1006 && !this.closing.hasSentClose && this.socket && !this.socket.destroyed) {
      this.send({ type: 'close', code: closeCode });
    } else {
      this.endSocket('error', message);
    }
  }

  private armCloseTimer(): void {
    if (this.closeTimer) return;
    this.closeTimer = setTimeout(() => this.endSocket('timeout'), this.options.limits.closeTimeoutMs);
  }

  private startAutoPing(): void {
    const interval = this.options.heartbeat.autoPingIntervalMs;
    if (interval <= 0) return;
    this.pingTimer = setInterval(() => {
      if (this.stateCell.current !== 'open') return;
      this.pingCount++;
      this.send({ type: 'ping', base64: Buffer.from(`frameline-${this.pingCount}`).toString('base64') });
    }, interval);
  }

  private stopAutoPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  /** The socket is done (or must be): read what is left, then record the one `closed` event. */
  private endSocket(end: SocketEnd, message?: string): void {
    if (this.closedValue) return;
    if (this.inbound) this.handleItems(this.inbound.finish(this.clock.nowMicros()), 'in');
    const socket = this.socket;
    if (socket && !socket.destroyed) {
      if (end === 'fin') socket.end();
      socket.destroy();
    }
    this.finish(this.closing.outcome(end, message));
  }

  private finish(ended: ClosedDetails): void {
    if (this.closedValue) return;
    // A close we sent because the peer broke a rule is not a normal close: say so.
    const details = this.failureMessage && ended.message === undefined ? { ...ended, message: `strict mode failed the connection: ${this.failureMessage}` } : ended;
    this.closedValue = details;
    this.stopAutoPing();
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.capture.appendEvent({ atMicros: this.clock.nowMicros(), name: 'closed', ...details });
    this.capture.seal();
    this.stateCell.set('closed');
    this.resolveEnded(details);
  }
}
