import type { Duplex } from 'node:stream';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { CompletedMessage, ConnectionCommand, ConnectionRecord, TimerName } from '../../../shared/connection/connection-command.js';
import type { Outgoing } from '../../../shared/connection/outgoing.js';
import { SendRefusedError } from '../../../shared/connection/send-refused-error.js';
import { message } from '../../../shared/i18n/message.js';
import type { WebSocketConnection } from '../../../shared/connection/websocket-connection.js';
import type { RelayLeg } from '../../../shared/contract/records.js';
import type { CaptureLog } from '../capture/capture-log.js';
import type { SessionClock } from '../session/session-clock.js';
import { NamedTimers } from './named-timers.js';
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
  /**
   * A relay leg: every record is tagged with the leg, wire chunks are not recorded (one capture holds
   * two connections), the capture is left unsealed (the relay seals it once both legs are done), and
   * `onRecord` sees each record once it is in the capture, with its seq.
   */
  readonly relay?: {
    readonly leg: RelayLeg;
    readonly onRecord: (seq: number, record: ConnectionRecord) => void;
    /** After each input's commands are all carried out: the relay acts on what `onRecord` saw only then, so seqs stay in order. */
    readonly onApplied: () => void;
  };
}

/**
 * The I/O half of a WebSocketConnection: socket events and Node timers in, the connection's
 * commands carried out (capture appends, writes, socket ends, timers). It decides nothing; every
 * rule is in shared/connection. The connection numbers its records; where the capture numbered
 * them otherwise (its budget warnings, frames past its record budget, an owner's own event), the
 * seqs a completed message names are translated to the capture's.
 */
export class ConnectionDriver {
  private readonly timers = new NamedTimers<TimerName>();
  private readonly seqs = new CaptureSeqs();
  /** Relay legs: the seqs the frames of the current send came from, one per frame (the last repeats). */
  private links: readonly number[] = [];
  private linkIndex = 0;
  private isReadingPaused = false;
  // Two reasons not to read: the connection is still working through what it read, or the owner
  // holds reading (a relay leg's back-pressure).
  private isBusy = false;
  private isHeld = false;
  private isResumeScheduled = false;
  /** Notice holds of inputs under way (inputs nest when a listener or a message handler sends). */
  private heldNotices = 0;

  constructor(private readonly socket: Duplex, readonly connection: WebSocketConnection, private readonly targets: DriverTargets) {
    // Each record goes into the capture as it is decoded, so a read's records die young (issue 12).
    connection.streamRecordsTo((seq, record) => this.carryRecord(seq, record));
    // Plain frames go into the capture from the read chunk with no record object; a relay leg forwards
    // records, so it takes every frame as one.
    if (!targets.relay) {
      const capture = targets.capture;
      connection.streamPlainFramesTo((seq, direction, chunk, payloadStart, payloadLength, opcode, messageId, atMicros) =>
        this.seqs.note(seq, capture.appendPlainFrame(direction, chunk, payloadStart, payloadLength, opcode, messageId, atMicros)),
      );
    }
  }

  /** Starts reading; `head` holds frame bytes that arrived with the handshake (their read is already in the capture). */
  start(head: Uint8Array): void {
    const socket = this.socket;
    socket.on('data', (data: Uint8Array) => this.input(() => this.connection.receive(asBytes(data), this.now())));
    socket.on('end', () => this.input(() => this.connection.socketEnded('fin', this.now())));
    socket.on('error', (error: NodeJS.ErrnoException) => this.input(() => this.connection.socketEnded(error.code === 'ECONNRESET' ? 'rst' : 'error', this.now(), error.message)));
    socket.on('close', () => this.input(() => this.connection.socketEnded('fin', this.now())));
    this.input(() => this.connection.start(this.now(), head));
    if (!this.isReadingPaused) socket.resume();
  }

  /**
   * Sends now; throws SendRefusedError when the connection or its socket cannot take it. On a relay
   * leg, `links` are the seqs the written frames came from (frame i links to `links[i]`, the last
   * one repeating), so each written frame records its counterpart.
   */
  send(outgoing: Outgoing, links: readonly number[] = []): void {
    if (this.socket.destroyed) throw new SendRefusedError(message('connection:refused.gone'));
    this.links = links;
    this.linkIndex = 0;
    try {
      this.input(() => this.connection.send(outgoing, this.now()));
    } finally {
      this.links = [];
    }
  }

  /** Starts the closing handshake, or drops the connection if it has started. */
  close(closeCode?: number, reason?: string): void {
    this.input(() => this.connection.close(this.now(), closeCode, reason));
  }

  /** Drops the connection now. */
  abort(message?: string): void {
    this.input(() => this.connection.abort(this.now(), message));
  }

  /**
   * Gives the connection one input and carries out its commands. Its records reach the capture
   * during the input, so the capture's listeners hear of them only once its commands are carried
   * out (or at the `closed` command, before the capture is sealed): one that sends, closes or
   * aborts from there finds the connection between inputs, and comes after the input's replies.
   */
  private input(step: () => readonly ConnectionCommand[]): void {
    const capture = this.targets.capture;
    capture.holdNotices();
    const hold = ++this.heldNotices;
    try {
      this.apply(step());
    } finally {
      if (this.heldNotices >= hold) {
        this.heldNotices -= 1;
        capture.releaseNotices();
      }
    }
  }

  // Listeners hear of the last records before the capture is sealed, as they always did.
  private releaseAllNotices(): void {
    while (this.heldNotices > 0) {
      this.heldNotices -= 1;
      this.targets.capture.releaseNotices();
    }
  }

  private apply(commands: readonly ConnectionCommand[]): void {
    for (const command of commands) this.run(command);
    this.followPendingWork();
    const state = this.connection.state;
    if (state !== 'closed') this.targets.state.set(state);
    this.targets.relay?.onApplied();
  }

  /** Stops or restarts reading for the owner (a relay leg's back-pressure); TCP then pushes back on the peer. */
  setReading(isReading: boolean): void {
    this.isHeld = !isReading;
    this.followReading();
  }

  // While the connection works through what it read (a message inflated in steps), the socket is
  // not read: TCP pushes back on the peer, and other sessions and the window get their turns.
  private followPendingWork(): void {
    this.isBusy = this.connection.hasPendingWork && this.connection.state !== 'closed';
    this.followReading();
  }

  private followReading(): void {
    const shouldPause = this.isBusy || this.isHeld;
    if (shouldPause && !this.isReadingPaused) {
      this.isReadingPaused = true;
      this.socket.pause();
    } else if (!shouldPause && this.isReadingPaused) {
      this.isReadingPaused = false;
      if (!this.socket.destroyed) this.socket.resume();
    }
  }

  private scheduleResume(): void {
    if (this.isResumeScheduled) return;
    this.isResumeScheduled = true;
    setImmediate(() => {
      this.isResumeScheduled = false;
      this.input(() => this.connection.resume(this.now()));
    });
  }

  private run(command: ConnectionCommand): void {
    switch (command.type) {
      case 'record':
        return this.carryRecord(command.seq, command.record);
      case 'wire-chunk':
        if (this.targets.relay) return;
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
      case 'arm-timer': {
        const { timer } = command;
        return this.timers.arm(timer, command.delayMs, () => this.input(() => this.connection.timerFired(timer, this.now())));
      }
      case 'cancel-timer':
        return this.timers.cancel(command.timer);
      case 'message': {
        const { message } = command;
        const frameSeqs = this.seqs.translate(message.frameSeqs);
        this.targets.onMessage?.(frameSeqs === message.frameSeqs ? message : { ...message, frameSeqs });
        return;
      }
      case 'yield':
        return this.scheduleResume();
      case 'closed':
        this.timers.cancelAll();
        this.releaseAllNotices();
        if (!this.targets.relay) this.targets.capture.seal();
        // The owner learns the details before the state moves, so state listeners can read them.
        this.targets.onClosed(command.details);
        this.targets.state.set('closed');
        return;
    }
  }

  private carryRecord(connectionSeq: number, record: ConnectionRecord): void {
    const relay = this.targets.relay;
    const seq = appendConnectionRecord(this.targets.capture, record, relay ? { leg: relay.leg, ...this.linkOf(record) } : undefined);
    this.seqs.note(connectionSeq, seq);
    // A relay forwards what it read whether or not the capture kept it (-1 past the record budget).
    relay?.onRecord(seq, record);
  }

  private linkOf(record: ConnectionRecord): { link?: number } {
    if (record.kind !== 'frame' || record.source !== 'sent' || this.links.length === 0) return {};
    const link = this.links[Math.min(this.linkIndex, this.links.length - 1)]!;
    this.linkIndex++;
    return { link };
  }

  private now(): number {
    return this.targets.clock.nowMicros();
  }
}

/** Buffer's subarray is slow; the decoder works on plain Uint8Array views. */
function asBytes(data: Uint8Array): Uint8Array {
  return data.constructor === Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
