import type { Duplex } from 'node:stream';
import type { CaseCommand, CaseTimer } from '../../../shared/conformance/case-command.js';
import type { CaseMachine } from '../../../shared/conformance/case-machine.js';
import { notedText } from '../../../shared/i18n/event-text.js';
import type { CaptureLog } from '../capture/capture-log.js';
import { appendConnectionRecord } from '../connection/capture-records.js';
import { NamedTimers } from '../connection/named-timers.js';
import type { SessionClock } from '../session/session-clock.js';
import type { SessionStateCell } from '../session/session-state.js';

/** Where a driven case's effects go. */
export interface CaseDriverTargets {
  readonly capture: CaptureLog;
  readonly clock: SessionClock;
  readonly state: SessionStateCell;
  /** Called once with the case's last command. */
  readonly onFinished: (finished: Extract<CaseCommand, { type: 'finished' }>) => void;
}

/**
 * The I/O half of a CaseMachine, as ConnectionDriver is for a connection: socket events and
 * Node timers in, commands carried out. Writes go through one queue so chopped and paced writes
 * keep their order with whatever follows them.
 */
export class CaseDriver {
  private readonly timers = new NamedTimers<CaseTimer>();
  private writeQueue: Promise<void> = Promise.resolve();
  private isDone = false;

  constructor(private readonly socket: Duplex, private readonly machine: CaseMachine, private readonly targets: CaseDriverTargets) {}

  /** Starts reading after `first`, the commands of `opened`. */
  start(first: readonly CaseCommand[]): void {
    const socket = this.socket;
    socket.on('data', (data: Uint8Array) => this.apply(this.machine.receive(asBytes(data), this.now())));
    socket.on('end', () => this.apply(this.machine.socketEnded('fin', this.now())));
    socket.on('error', (error: NodeJS.ErrnoException) => this.apply(this.machine.socketEnded(error.code === 'ECONNRESET' ? 'rst' : 'error', this.now(), error.message)));
    socket.on('close', () => this.apply(this.machine.socketEnded('fin', this.now())));
    this.apply(first);
    socket.resume();
  }

  /** The case's time is up, whatever it was waiting for. */
  giveUp(): void {
    this.apply(this.machine.timerFired('case', this.now()));
  }

  private apply(commands: readonly CaseCommand[]): void {
    for (const command of commands) this.run(command);
  }

  private run(command: CaseCommand): void {
    switch (command.type) {
      case 'record': {
        const seq = appendConnectionRecord(this.targets.capture, command.record);
        if (seq !== command.seq) throw new Error(`case record ${command.seq} became capture record ${seq}: something else appended to the capture`);
        return;
      }
      case 'note':
        this.targets.capture.appendEvent({ atMicros: command.atMicros, name: 'note', ...notedText(command.text) });
        return;
      case 'wire-chunk':
        return this.targets.capture.appendWireChunk(command.direction, command.atMicros, command.byteLength);
      case 'write':
        return this.write(command.bytes, command.chopBytes, command.paceMs);
      case 'end-socket':
        this.writeQueue = this.writeQueue.then(() => void (this.socket.destroyed || this.socket.end()));
        return;
      case 'destroy-socket':
        this.socket.destroy();
        return;
      case 'arm-timer': {
        const { timer } = command;
        return this.timers.arm(timer, command.delayMs, () => this.apply(this.machine.timerFired(timer, this.now())));
      }
      case 'cancel-timer':
        return this.timers.cancel(command.timer);
      case 'closed':
        this.timers.cancelAll();
        this.targets.capture.seal();
        this.targets.state.set('closed');
        return;
      case 'finished':
        if (this.isDone) return;
        this.isDone = true;
        this.timers.cancelAll();
        this.socket.destroy();
        this.targets.onFinished(command);
        return;
    }
  }

  /** Queues a write: whole, or in `chopBytes` pieces, each its own socket write, `paceMs` apart. */
  private write(bytes: Uint8Array, chopBytes?: number, paceMs?: number): void {
    if (!chopBytes) {
      this.writeQueue = this.writeQueue.then(() => void (this.socket.destroyed || this.socket.write(bytes)));
      return;
    }
    this.writeQueue = this.writeQueue.then(async () => {
      for (let start = 0; start < bytes.length && !this.socket.destroyed; start += chopBytes) {
        this.socket.write(bytes.subarray(start, start + chopBytes));
        if (paceMs) await delay(paceMs);
        else await new Promise<void>((resolve) => setImmediate(resolve));
      }
    });
  }

  private now(): number {
    return this.targets.clock.nowMicros();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Buffer's subarray is slow; the decoder works on plain Uint8Array views. */
function asBytes(data: Uint8Array): Uint8Array {
  return data.constructor === Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
