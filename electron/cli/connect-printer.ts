import type { ProtocolMessage } from '../../shared/app-protocol/protocol-message.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import type { CaptureLog } from '../engine/capture/capture-log.js';
import type { ProtocolLayer } from '../engine/protocol/protocol-layer.js';
import type { CliIo } from './cli-io.js';
import { formatProtocolLines } from './protocol-lines.js';
import { formatRecord } from './timeline-line.js';

/**
 * Prints a session's records as they are appended: readable lines, or one JSON record per line.
 * Printing waits for the connection's current commands to finish (a microtask), because a frame's
 * protocol messages are decoded just after the frame is recorded; so a frame that completes
 * protocol messages is printed with them: lines under it, or a `protocol` object on its JSON record.
 * Messages decoded after their frame was printed (held until the protocol was detected) follow as
 * lines, or as `{"kind":"protocol","seq":…}` JSON lines.
 */
export class ConnectPrinter {
  private pending: number[] = [];
  private late: ProtocolMessage[] = [];
  private printedUpTo = -1;
  private isScheduled = false;
  private announced = '';

  constructor(private readonly capture: CaptureLog, private readonly layer: ProtocolLayer, private readonly io: CliIo, private readonly isJson: boolean, private readonly t: Translate) {
    capture.onDidAppend((seq) => {
      this.pending.push(seq);
      this.schedule();
    });
    layer.onDidDecode((messages) => {
      for (const message of messages) if ((message.seqs.at(-1) ?? -1) <= this.printedUpTo) this.late.push(message);
      this.schedule();
    });
  }

  /** Prints everything appended so far. */
  flush(): void {
    const pending = this.pending;
    this.pending = [];
    for (const seq of pending) {
      this.print(seq);
      this.printedUpTo = seq;
    }
    const late = this.late;
    this.late = [];
    for (const message of late) this.printLate(message);
  }

  private schedule(): void {
    if (this.isScheduled) return;
    this.isScheduled = true;
    queueMicrotask(() => {
      this.isScheduled = false;
      this.flush();
    });
  }

  private print(seq: number): void {
    const record = this.capture.getRecordJson(seq);
    const frame = record.kind === 'frame' ? this.completedAt(seq) : null;
    if (this.isJson) {
      this.write(JSON.stringify(frame === null ? record : { ...record, protocol: frame }));
      return;
    }
    for (const line of formatRecord(record, this.t)) this.write(line);
    this.announce();
    if (frame !== null) for (const line of formatProtocolLines(frame, this.t)) this.write(line);
  }

  private printLate(message: ProtocolMessage): void {
    const { linkedFrom: _later, ...json } = this.layer.messageJson(message);
    const seq = message.seqs.at(-1) ?? 0;
    if (this.isJson) this.write(JSON.stringify({ kind: 'protocol', seq, protocol: { protocol: message.protocol, messages: [json] } }));
    else for (const line of formatProtocolLines({ protocol: message.protocol, messages: [json] }, this.t)) this.write(line);
  }

  /**
   * The protocol messages this frame completes, and why its message was not decoded if it was not.
   * `linkedFrom` is left out: later messages are not known yet when a line is printed.
   */
  private completedAt(seq: number) {
    const frame = this.layer.frameProtocolNow(seq);
    if (frame === null) return null;
    const messages = frame.messages.filter((message) => message.seqs.at(-1) === seq).map(({ linkedFrom: _later, ...message }) => message);
    if (messages.length === 0 && frame.skipped === undefined) return null;
    return { protocol: frame.protocol, messages, ...(frame.skipped !== undefined ? { skipped: frame.skipped } : {}) };
  }

  /** Says once, in text mode, which protocol the session is read as and why. */
  private announce(): void {
    const summary = this.layer.summary();
    if (summary.id === null || summary.displayName === null) return;
    const key = `${summary.id}|${summary.reason ?? ''}`;
    if (key === this.announced) return;
    this.announced = key;
    this.write(`${' '.repeat(17)}≡ ${this.t('protocols:cli.detected', { name: summary.displayName, reason: summary.reason ?? '' })}`);
  }

  private write(line: string): void {
    this.io.stdout.write(`${line}\n`);
  }
}
