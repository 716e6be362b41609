import type { z } from 'zod';
import type { CaptureHeaderFields } from '../../../shared/contract/capture.js';
import { CAPTURE_FORMAT_VERSION } from '../../../shared/contract/capture.js';
import { captureHeaderSchema, recordJsonSchema, wireChunkJsonSchema } from '../../../shared/contract/capture-schema.js';
import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import type { CaptureLogOptions } from './capture-log.js';
import { CaptureLog } from './capture-log.js';
import { crossCheckFrame } from './frame-cross-check.js';
import { plainFrameLine } from './frame-line-check.js';
import { fieldPathText } from './field-path.js';
import { frameFromJson } from './record-json.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { fieldText, issueText } from '../../../shared/i18n/schema-issue-text.js';
import { notedText } from '../../../shared/i18n/event-text.js';
import { message, verbatim, type Message } from '../../../shared/i18n/message.js';

/** A field that failed validation: its path and what was expected. */
export interface FieldProblem {
  readonly fieldPath: string;
  /** `<field path>: <what was expected>`, in English (what `--json` keeps). */
  readonly text: string;
  /** `text` as a message in the reader's words, the field path as written. */
  readonly detail: Message;
  /** What was expected, without the field path, in English: another format's importer names its own field before it. */
  readonly expected: string;
  /** `expected` as a message. */
  readonly expectedText: Message;
}

/**
 * The problem of the field at `fieldPath` (empty for the document itself): what was expected as a
 * message, and its English unless the schema already gave it (zod's issue message).
 */
export function fieldProblem(fieldPath: string, expectedText: Message, expected: string = englishText(expectedText)): FieldProblem {
  if (fieldPath === '') return { fieldPath, text: expected, detail: expectedText, expected, expectedText };
  return { fieldPath, text: `${fieldPath}: ${expected}`, detail: fieldText(fieldPath, expectedText), expected, expectedText };
}

/** The first schema issue of a part under `prefix`, worded by `issueText` (the capture schema's own sentences come back as messages). */
export function issueProblem(prefix: readonly (string | number)[], issue: z.core.$ZodIssue | undefined): FieldProblem {
  const fieldPath = fieldPathText([...prefix, ...(issue?.path ?? [])]);
  // zod reports at least one issue for a failed parse; this is only a fallback.
  if (issue === undefined) return fieldProblem(fieldPath, verbatim('is not valid'));
  return fieldProblem(fieldPath, issueText(issue), issue.message);
}

/**
 * Builds a read-only CaptureLog from a capture's parts in file order (header, records, wire
 * chunks), validating each with the schema (or, for plain frame lines, the same rules checked
 * directly), the rules a schema cannot state, and each frame against its own bytes. The first
 * problem stops the import; the caller turns it into one error naming the file.
 */
export class CaptureImport {
  private log: CaptureLog | null = null;
  private records = 0;
  private lastAtMicros = 0;

  constructor(private readonly options: Omit<CaptureLogOptions, 'header'>) {}

  /** Validates the header (format, then version, then every field) and starts the log. */
  header(value: unknown): FieldProblem | null {
    const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
    const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
    if (format === 'frameline-capture' && typeof version === 'number' && version > CAPTURE_FORMAT_VERSION) {
      return problem(['version'], message('capture:rule.newerVersion', { version, supported: CAPTURE_FORMAT_VERSION }));
    }
    const result = captureHeaderSchema.safeParse(value);
    if (!result.success) return issueProblem([], result.error.issues[0]);
    const { format: _format, version: _version, ...fields } = result.data;
    this.log = new CaptureLog({ ...this.options, header: fields satisfies CaptureHeaderFields });
    return null;
  }

  /** Validates and appends the next record; records must be numbered from 0 in file order. */
  record(value: unknown): FieldProblem | null {
    const index = this.records;
    let record: RecordJson | null = plainFrameLine(value);
    if (record === null) {
      const result = recordJsonSchema.safeParse(value);
      if (!result.success) return issueProblem(['records', index], result.error.issues[0]);
      record = result.data;
    }
    if (record.seq !== index) return problem(['records', index, 'seq'], message('capture:rule.seq', { seq: index }));
    const log = this.requireLog();
    const found = record.kind === 'frame' ? checkFrame(record, index) : null;
    if (found) return found;
    // The log's record budget holds for imports too: a file larger than it is refused, not cut.
    if (appendRecordJson(log, record) < 0) return problem(['records', index], message('capture:rule.recordBudget', { limit: log.count }));
    this.records += 1;
    this.lastAtMicros = Math.max(this.lastAtMicros, record.atMicros);
    return null;
  }

  /** Appends a note of the importer's own after the records so far (at the latest time among them). */
  note(text: Message, source: string): FieldProblem | null {
    return this.record({ kind: 'event', seq: this.records, atMicros: this.lastAtMicros, name: 'note', ...notedText(text), source });
  }

  /** Validates and appends the next wire chunk. */
  wire(value: unknown, index: number): FieldProblem | null {
    if (!isPlainWireChunk(value)) {
      const result = wireChunkJsonSchema.safeParse(value);
      if (!result.success) return issueProblem(['wire', index], result.error.issues[0]);
    }
    const [atMicros, direction, byteLength] = value as [number, 'in' | 'out', number];
    this.requireLog().appendWireChunk(direction, atMicros, byteLength);
    return null;
  }

  /** The finished, sealed log. */
  finish(): CaptureLog {
    const log = this.requireLog();
    log.seal();
    this.log = null;
    return log;
  }

  /** Drops a partly built log and its spill file. */
  abandon(): void {
    this.log?.dispose();
    this.log = null;
  }

  private requireLog(): CaptureLog {
    if (this.log === null) throw new Error('capture import: records before the header');
    return this.log;
  }
}

/** Appends a record in its file form (already validated) to `log`; returns the `seq` the log gave it (-1 past its record budget). */
export function appendRecordJson(log: CaptureLog, record: RecordJson): number {
  if (record.kind === 'handshake') return log.appendHandshake(record);
  if (record.kind === 'event') return log.appendEvent(record);
  const frame = frameFromJson(record);
  return log.appendFrame(frame, frame.direction, frame.rttMicros, frame.leg !== undefined ? { leg: frame.leg, ...(frame.link !== undefined ? { link: frame.link } : {}) } : undefined);
}

// Rules between fields of one frame (frame-record.ts), then the frame against its own bytes.
function checkFrame(record: FrameRecordJson, index: number): FieldProblem | null {
  const at = (field: string): (string | number)[] => ['records', index, field];
  if (!record.masked && record.maskingKey !== null) return problem(at('maskingKey'), message('capture:rule.maskingKeyUnmasked'));
  const frame = frameFromJson(record);
  if (frame.headerBytes.byteLength > 14) return problem(at('headerBytes'), message('capture:rule.headerTooLong', { byteLength: frame.headerBytes.byteLength }));
  const retained = frame.payload.byteLength;
  if (retained > record.payloadLength) return problem(at('payload'), message('capture:rule.payloadOverLength', { count: retained, payloadLength: record.payloadLength }));
  if (!record.payloadTruncated && retained !== record.payloadLength) {
    return problem(at('payload'), message('capture:rule.payloadNotTruncated', { count: retained, payloadLength: record.payloadLength }));
  }
  const disagreement = crossCheckFrame(frame);
  return disagreement ? problem(at(disagreement.field), disagreement.expected) : null;
}

function isPlainWireChunk(value: unknown): boolean {
  if (!Array.isArray(value) || value.length !== 3) return false;
  const [atMicros, direction, byteLength] = value as unknown[];
  return (
    typeof atMicros === 'number' && atMicros >= 0 && Number.isFinite(atMicros) && (direction === 'in' || direction === 'out') &&
    typeof byteLength === 'number' && Number.isInteger(byteLength) && byteLength >= 0 && byteLength <= 0xffff_ffff
  );
}

function problem(path: (string | number)[], expected: Message): FieldProblem {
  return fieldProblem(fieldPathText(path), expected);
}
