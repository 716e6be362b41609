import type { Duplex } from 'node:stream';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { CompletedMessage, ConnectionCommand, TimerName } from '../../../shared/connection/connection-command.js';
import type { Outgoing } from '../../../shared/connection/outgoing.js';
import { SendRefusedError } from '../../../shared/connection/send-refused-error.js';
import type { WebSocketConnection } from '../../../shared/connection/websocket-connection.js';
import type { CaptureLog } from '../capture/capture-log.js';
import type { SessionClock } from '../session/session-clock.js';
import type { SessionStateCell } from '../session/session-state.js';
import { appendConnectionRecord } from './capture-records.js';
import { CaptureSeqs } from './capture-seqs.js';

/** Where a driven connection's effects go. */
export interface DriverTargets {
  readonly capture: CaptureLog;
  readonly clock: SessionClock;
  /** Follows the connection: open, closing, then closed once the capture is sealed and `onClosed` was told. */
  readonly state: SessionStateCell;
  /** Called once, after the `closed` record and before the state becomes closed, with how the connection ended. */
  readonly onClosed: (details: ClosedDetails) => void;
  /** Completed data messages, when the connection reports them. */
  readonly onMessage?: (message: CompletedMessage) => void;
}

/**
 * The I/O half of a WebSocketConnection: socket events and Node timers in, the connection's
 * commands carried out (capture appends, writes, socket ends, timers). It decides nothing; every
 * rule is in shared/connection. The connection numbers its records; where the capture numbered
 * them otherwise (its budget warnings, frames past its record budget, an owner's own event), the
 * seqs a completed message names are translated to the capture's.
 */
export class ConnectionDriver {
  private readonly timers = new Map<TimerName, NodeJS.Timeout>();
  private readonly seqs = new CaptureSeqs();
  private isReadingPaused = false;
  private isResumeScheduled = false;

  constructor(private readonly socket: Duplex, readonly connection: WebSocketConnection, private readonly targets: DriverTargets) {}

  /** Starts reading; `head` holds frame bytes that arrived with the handshake (their read is already in the capture). */
  start(head: Uint8Array): void {
    const socket = this.socket;
    socket.on('data', (data: Uint8Array) => this.apply(this.connection.receive(asBytes(data), this.now())));
    socket.on('end', () => this.apply(this.connection.socketEnded('fin', this.now())));
    socket.on('error', (error: NodeJS.ErrnoException) => this.apply(this.connection.socketEnded(error.code === 'ECONNRESET' ? 'rst' : 'error', this.now(), error.message)));
    socket.on('close', () => this.apply(this.connection.socketEnded('fin', this.now())));
    this.apply(this.connection.start(this.now(), head));
    if (!this.isReadingPaused) socket.resume();
  }

  /** Sends now; throws SendRefusedError when the connection or its socket cannot take it. */
  send(outgoing: Outgoing): void {
    if (this.socket.destroyed) throw new SendRefusedError('cannot send: the connection is gone');
    this.apply(this.connection.send(outgoing, this.now()));
  }

  /** Starts the closing handshake, or drops the connection if it has started. */
  close(closeCode?: number, reason?: string): void {
    this.apply(this.connection.close(this.now(), closeCode, reason));
  }

  /** Drops the connection now. */
  abort(message?: string): void {
    this.apply(this.connection.abort(this.now(), message));
  }

  private apply(commands: readonly ConnectionCommand[]): void {
    for (const command of commands) this.run(command);
    this.followPendingWork();
    const state = this.connection.state;
    if (state !== 'closed') this.targets.state.set(state);
  }

  // While the connection works through what it read (a message inflated in steps), the socket is
  // not read: TCP pushes back on the peer, and other sessions and the window get their turns.
  private followPendingWork(): void {
    const isBusy = this.connection.hasPendingWork && this.connection.state !== 'closed';
    if (isBusy && !this.isReadingPaused) {
      this.isReadingPaused = true;
      this.socket.pause();
    } else if (!isBusy && this.isReadingPaused) {
      this.isReadingPaused = false;
      if (!this.socket.destroyed) this.socket.resume();
    }
  }

  private scheduleResume(): void {
    if (this.isResumeScheduled) return;
    this.isResumeScheduled = true;
    setImmediate(() => {
      this.isResumeScheduled = false;
      this.apply(this.connection.resume(this.now()));
    });
  }

  private run(command: ConnectionCommand): void {
    switch (command.type) {
      case 'record':
        return this.seqs.note(command.seq, appendConnectionRecord(this.targets.capture, command.record));
      case 'wire-chunk':
        return this.targets.capture.appendWireChunk(command.direction, command.atMicros, command.byteLength);
      case 'write':
        if (!this.socket.destroyed) this.socket.write(command.bytes);
        return;
      case 'end-socket':
        if (!this.socket.destroyed) this.socket.end();
        return;
      case 'destroy-socket':
        this.socket.destroy();
        return;
      case 'arm-timer':
        return this.arm(command.timer, command.delayMs);
      case 'cancel-timer':
        return this.cancel(command.timer);
      case 'message': {
        const { message } = command;
        const frameSeqs = this.seqs.translate(message.frameSeqs);
        this.targets.onMessage?.(frameSeqs === message.frameSeqs ? message : { ...message, frameSeqs });
        return;
      }
      case 'yield':
        return this.scheduleResume();
      case 'closed':
        for (const timer of [...this.timers.keys()]) this.cancel(timer);
        this.targets.capture.seal();
        // The owner learns the details before the state moves, so state listeners can read them.
        this.targets.onClosed(command.details);
        this.targets.state.set('closed');
        return;
    }
  }

  private arm(timer: TimerName, delayMs: number): void {
    this.cancel(timer);
    this.timers.set(timer, setTimeout(() => {
      this.timers.delete(timer);
      this.apply(this.connection.timerFired(timer, this.now()));
    }, delayMs));
  }

  private cancel(timer: TimerName): void {
    const handle = this.timers.get(timer);
    if (handle) clearTimeout(handle);
    this.timers.delete(timer);
  }

  private now(): number {
    return this.targets.clock.nowMicros();
  }
}

/** Buffer's subarray is slow; the decoder works on plain Uint8Array views. */
function asBytes(data: Uint8Array): Uint8Array {
  return data.constructor === Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
