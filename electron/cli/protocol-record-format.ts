import type { Writable } from 'node:stream';
import type { ProtocolMessage } from '../../shared/app-protocol/protocol-message.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../shared/i18n/message.js';
import type { ByteOutput } from '../engine/capture/byte-output.js';
import type { CapturedRecord } from '../engine/capture/captured-record.js';
import { recordJson } from '../engine/capture/record-json.js';
import type { ProtocolLayer } from '../engine/protocol/protocol-layer.js';
import { formatProtocolLines } from './protocol-lines.js';
import type { RecordFormat } from './record-printer.js';

/** How protocol messages appear in JSON output: on the frame record (`connect`), or as records of their own (`listen`). */
export type ProtocolJsonStyle = { readonly kind: 'on-frame' } | { readonly kind: 'own-record'; readonly extra: () => Record<string, unknown> };

/**
 * A record format that adds a session's protocol messages to the records it prints: in text the
 * decoded lines under the frame that completed them (announcing once what the session is read as
 * and why), in JSON a `protocol` object. The printer formats a record a turn after it was
 * appended, by which time its message has been decoded. Messages decoded after their frame was
 * printed (held until the protocol was detected) are written as late lines, or
 * `{"kind":"protocol","seq":…}` records.
 */
export class ProtocolRecordFormat {
  private formattedUpTo = -1;
  private announced = '';
  private readonly stop: () => void;

  constructor(
    private readonly layer: ProtocolLayer,
    private readonly base: RecordFormat,
    private readonly isJson: boolean,
    private readonly json: ProtocolJsonStyle,
    private readonly output: Writable,
    private readonly t: Translate,
  ) {
    this.stop = layer.onDidDecode((messages) => {
      const late = messages.filter((message) => (message.seqs.at(-1) ?? -1) <= this.formattedUpTo);
      if (late.length > 0) this.output.write(late.map((message) => this.lateLines(message).join('')).join(''));
    });
  }

  /** The wrapped format, for a RecordPrinter. */
  readonly format: RecordFormat = (out, record) => {
    this.formattedUpTo = Math.max(this.formattedUpTo, record.seq);
    const frame = record.kind === 'frame' ? this.completedAt(record.seq) : null;
    if (this.isJson && frame !== null && this.json.kind === 'on-frame') {
      out.utf8(`${JSON.stringify({ ...recordJson(record), protocol: frame })}\n`);
      return;
    }
    this.base(out, record);
    if (frame === null) return;
    if (this.isJson) out.utf8(`${JSON.stringify({ kind: 'protocol', ...(this.json.kind === 'own-record' ? this.json.extra() : {}), seq: record.seq, protocol: frame })}\n`);
    else this.writeLines(out, record, frame);
  };

  /** Stops following the layer's late decodes. */
  dispose(): void {
    this.stop();
  }

  private writeLines(out: ByteOutput, _record: CapturedRecord, frame: NonNullable<ReturnType<ProtocolRecordFormat['completedAt']>>): void {
    const announcement = this.announcement();
    if (announcement !== null) out.utf8(`${announcement}\n`);
    for (const line of formatProtocolLines(frame, this.t)) out.utf8(`${line}\n`);
  }

  private lateLines(message: ProtocolMessage): string[] {
    const { linkedFrom: _later, ...json } = this.layer.messageJson(message);
    const frame = { protocol: message.protocol, messages: [json] };
    if (this.isJson) return [`${JSON.stringify({ kind: 'protocol', ...(this.json.kind === 'own-record' ? this.json.extra() : {}), seq: message.seqs.at(-1) ?? 0, protocol: frame })}\n`];
    const announcement = this.announcement();
    return [...(announcement !== null ? [announcement] : []), ...formatProtocolLines(frame, this.t)].map((line) => `${line}\n`);
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
    return { protocol: frame.protocol, messages, ...(frame.skipped !== undefined ? { skipped: frame.skipped } : {}), ...(frame.skippedText !== undefined ? { skippedText: frame.skippedText } : {}) };
  }

  /** Which protocol the session is read as and why, once per change. */
  private announcement(): string | null {
    const summary = this.layer.summary();
    if (summary.id === null || summary.displayName === null) return null;
    const key = `${summary.id}|${summary.reason ?? ''}`;
    if (key === this.announced) return null;
    this.announced = key;
    const reason = summary.reasonText ? renderMessage(this.t, summary.reasonText) : (summary.reason ?? '');
    return `${' '.repeat(17)}≡ ${this.t('protocols:cli.detected', { name: summary.displayName, reason })}`;
  }
}
