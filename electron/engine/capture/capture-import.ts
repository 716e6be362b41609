import type { CaptureHeaderFields } from '../../../shared/contract/capture.js';
import { CAPTURE_FORMAT_VERSION } from '../../../shared/contract/capture.js';
import { captureHeaderSchema, recordJsonSchema, wireChunkJsonSchema } from '../../../shared/contract/capture-schema.js';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import type { CaptureLogOptions } from './capture-log.js';
import { CaptureLog } from './capture-log.js';
import { fieldPathText, formatFieldPath } from './field-path.js';

/** A field that failed validation: its path and what was expected. */
export interface FieldProblem {
  readonly fieldPath: string;
  /** `<field path>: <what was expected>`. */
  readonly text: string;
}

/**
 * Builds a read-only CaptureLog from a capture's parts in file order (header, records, wire
 * chunks), validating each with the schema and the rules a schema cannot state. The first problem
 * stops the import; the caller turns it into one error naming the file.
 */
export class CaptureImport {
  private log: CaptureLog | null = null;
  private records = 0;

  constructor(private readonly options: Omit<CaptureLogOptions, 'header'>) {}

  /** Validates the header (format, then version, then every field) and starts the log. */
  header(value: unknown): FieldProblem | null {
    const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
    const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
    if (format === 'frameline-capture' && typeof version === 'number' && version > CAPTURE_FORMAT_VERSION) {
      return problem(['version'], `this file is format version ${version}; this Frameline reads version ${CAPTURE_FORMAT_VERSION}, so update Frameline to open it`);
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
    const result = recordJsonSchema.safeParse(value);
    if (!result.success) return issueProblem(['records', index], result.error.issues[0]);
    const record = result.data;
    if (record.seq !== index) return problem(['records', index, 'seq'], `expected ${index}; records are numbered from 0 in file order`);
    if (record.kind === 'frame') {
      const frameProblem = checkFrame(record, index);
      if (frameProblem) return frameProblem;
    }
    this.requireLog().appendRecordJson(record);
    this.records += 1;
    return null;
  }

  /** Validates and appends the next wire chunk. */
  wire(value: unknown, index: number): FieldProblem | null {
    const result = wireChunkJsonSchema.safeParse(value);
    if (!result.success) return issueProblem(['wire', index], result.error.issues[0]);
    const [atMicros, direction, byteLength] = result.data;
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

// Rules between fields of one frame (frame-record.ts), which the schema checks one field at a time.
function checkFrame(record: FrameRecordJson, index: number): FieldProblem | null {
  const at = (field: string): (string | number)[] => ['records', index, field];
  if (!record.masked && record.maskingKey !== null) return problem(at('maskingKey'), 'expected null, because masked is false');
  const headerLength = base64ByteLength(record.headerBytes);
  if (headerLength > 14) return problem(at('headerBytes'), `holds ${headerLength} bytes; a frame header has at most 14`);
  const retained = base64ByteLength(record.payload);
  if (retained > record.payloadLength) {
    return problem(at('payload'), `holds ${retained} bytes, more than payloadLength ${record.payloadLength}`);
  }
  if (!record.payloadTruncated && retained !== record.payloadLength) {
    return problem(at('payload'), `holds ${retained} bytes but payloadLength is ${record.payloadLength} and payloadTruncated is false`);
  }
  return null;
}

// Decoded size of schema-checked base64, without decoding it.
function base64ByteLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

function problem(path: (string | number)[], expected: string): FieldProblem {
  const fieldPath = fieldPathText(path);
  return { fieldPath, text: `${fieldPath}: ${expected}` };
}

function issueProblem(prefix: (string | number)[], issue: { readonly path: readonly PropertyKey[]; readonly message: string } | undefined): FieldProblem {
  return { fieldPath: fieldPathText([...prefix, ...(issue?.path ?? [])]), text: formatFieldPath(prefix, issue) };
}
