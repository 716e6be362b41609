import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { CaptureFileProblem } from '../../../shared/contract/capture.js';
import { message } from '../../../shared/i18n/message.js';
import { captureProblem } from './capture-problem.js';
import type { CaptureLog, CaptureLogOptions } from './capture-log.js';
import type { FieldProblem } from './capture-import.js';
import { CaptureImport, fieldProblem } from './capture-import.js';
import type { FileLine } from './line-splitter.js';
import { splitLines } from './line-splitter.js';
import { NativeLayout, parseHeaderLine } from './native-format.js';

/** A capture to import: a file on disk, or bytes the page already holds (the browser UI). */
export type CaptureSource = { readonly path: string } | { readonly fileName: string; readonly bytes: Uint8Array };

/** An imported, read-only log, or the one problem that stopped the import. */
export type CaptureReadResult =
  | { readonly ok: true; readonly log: CaptureLog }
  | { readonly ok: false; readonly problem: CaptureFileProblem };

/** Log options for the imported capture, and how large a file may be read as one JSON document. */
export interface CaptureReadOptions extends Omit<CaptureLogOptions, 'header'> {
  /** Files not in the line layout are parsed whole up to this size; default 512 MiB. */
  readonly maxWholeDocumentBytes?: number;
}

// Where the line layout stopped matching: the whole-document parse takes over from there.
interface LayoutMismatch {
  readonly lineNumber: number;
  readonly byteOffset: number;
}

type LayoutState = 'header' | 'recordsOpen' | 'records' | 'wireOpen' | 'wire' | 'end';

type LineOutcome = { readonly kind: 'done'; readonly result: CaptureReadResult } | { readonly kind: 'mismatch'; readonly at: LayoutMismatch };

const defaultMaxWholeDocumentBytes = 512 * 1024 * 1024;
const chunkBytes = 64 * 1024;

/**
 * Reads a `.frameline.json` capture into a read-only CaptureLog. Files in the layout Frameline
 * writes are read line by line (one record in memory at a time); any other JSON layout of the same
 * document is parsed whole. Never throws: a problem comes back as one value naming the file and the
 * field path (`records[17].opcode: …`) or the byte offset of broken JSON.
 */
export async function readCapture(source: CaptureSource, options: CaptureReadOptions = {}): Promise<CaptureReadResult> {
  const file = 'path' in source ? source.path : source.fileName;
  try {
    const outcome = await readLineLayout(source, file, options);
    if (outcome.kind === 'done') return outcome.result;
    return await readWholeDocument(source, file, outcome.at, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failed(captureProblem(file, message('capture:problem.unreadable', { file, reason })));
  }
}

async function readLineLayout(source: CaptureSource, file: string, options: CaptureReadOptions): Promise<LineOutcome> {
  // Small chunks: the lines of one chunk are validated in one task, which should stay a few ms long.
  const chunks = 'path' in source ? createReadStream(source.path, { highWaterMark: chunkBytes }) : slices(source.bytes);
  const builder = new CaptureImport(options);
  const lines = splitLines(toAsync(chunks));
  try {
    const outcome = await walkLines(lines, builder, file);
    if (outcome.kind !== 'done' || !outcome.result.ok) builder.abandon();
    return outcome;
  } catch (error) {
    builder.abandon();
    throw error;
  } finally {
    await lines.return(undefined);
    if ('destroy' in chunks) chunks.destroy();
  }
}

// The line-layout state machine (native-format.ts): each state accepts exactly the lines the writer produces.
async function walkLines(lines: AsyncIterable<FileLine>, builder: CaptureImport, file: string): Promise<LineOutcome> {
  let state: LayoutState = 'header';
  let wireIndex = 0;
  let expectsMore = false;
  let hasItems = false;
  let last: FileLine = { text: '', byteOffset: 0, lineNumber: 1, hasLineBreak: false };
  const mismatch = (line: FileLine): LineOutcome => ({ kind: 'mismatch', at: { lineNumber: line.lineNumber, byteOffset: line.byteOffset } });
  const fieldFailure = (line: FileLine, found: FieldProblem): LineOutcome => ({
    kind: 'done',
    result: failed(captureProblem(file, message('capture:problem.fieldOnLine', { file, detail: found.detail, line: line.lineNumber }), { fieldPath: found.fieldPath })),
  });
  for await (const line of lines) {
    last = line;
    const text = line.text;
    // A cut file can end in a line that looks complete ({"format":…,); only the closing line may lack a line break.
    if (!line.hasLineBreak && state !== 'end' && !(state === 'wire' && text === NativeLayout.documentClose)) return mismatch(line);
    switch (state) {
      case 'header': {
        // A UTF-8 byte order mark before the document is allowed (RFC 8259 §8.1 lets a parser ignore it).
        const header = parseHeaderLine(text.startsWith('\uFEFF') ? text.slice(1) : text);
        if (header === null) return mismatch(line);
        const found = builder.header(header);
        if (found) return fieldFailure(line, found);
        state = 'recordsOpen';
        break;
      }
      case 'recordsOpen':
      case 'wireOpen':
        if (text !== (state === 'recordsOpen' ? NativeLayout.recordsOpen : NativeLayout.wireOpen)) return mismatch(line);
        state = state === 'recordsOpen' ? 'records' : 'wire';
        expectsMore = false;
        hasItems = false;
        break;
      case 'records':
      case 'wire': {
        const closing = state === 'records' ? NativeLayout.recordsClose : NativeLayout.documentClose;
        if (text === closing && !expectsMore) {
          state = state === 'records' ? 'wireOpen' : 'end';
          break;
        }
        const item = parseItemLine(text, state === 'records' ? '{' : '[');
        // Two items without a comma between them is not JSON; the whole-document parse says where.
        if (item === null || (hasItems && !expectsMore)) return mismatch(line);
        const found = state === 'records' ? builder.record(item.value) : builder.wire(item.value, wireIndex++);
        if (found) return fieldFailure(line, found);
        expectsMore = item.hasComma;
        hasItems = true;
        break;
      }
      case 'end':
        if (text.trim() !== '') return mismatch(line);
        break;
    }
  }
  if (state !== 'end') return mismatch({ ...last, lineNumber: last.lineNumber + 1 });
  return { kind: 'done', result: { ok: true, log: builder.finish() } };
}

// One record or wire chunk per line, with a trailing comma unless it is the last; null when the line is not that.
function parseItemLine(text: string, opener: '{' | '['): { value: unknown; hasComma: boolean } | null {
  const hasComma = text.endsWith(',');
  const body = hasComma ? text.slice(0, -1) : text;
  if (!body.startsWith(opener)) return null;
  try {
    return { value: JSON.parse(body), hasComma };
  } catch {
    return null;
  }
}

async function readWholeDocument(
  source: CaptureSource,
  file: string,
  at: LayoutMismatch,
  options: CaptureReadOptions,
): Promise<CaptureReadResult> {
  const limit = options.maxWholeDocumentBytes ?? defaultMaxWholeDocumentBytes;
  const size = 'path' in source ? (await stat(source.path)).size : source.bytes.byteLength;
  if (size > limit) {
    return failed(captureProblem(file, message('capture:problem.tooLarge', { file, line: at.lineNumber, byteOffset: at.byteOffset, size }), { byteOffset: at.byteOffset }));
  }
  const bytes = 'path' in source ? await readFile(source.path) : source.bytes;
  const decoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // A byte order mark becomes three spaces: JSON ignores them, and byte offsets stay the file's.
  const text = decoded.startsWith('\uFEFF') ? `   ${decoded.slice(1)}` : decoded;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return failed(jsonProblem(file, text, size, error));
  }
  return buildFromDocument(document, file, options);
}

function buildFromDocument(document: unknown, file: string, options: CaptureReadOptions): CaptureReadResult {
  const builder = new CaptureImport(options);
  const fail = (found: FieldProblem): CaptureReadResult => {
    builder.abandon();
    return failed(captureProblem(file, message('capture:problem.field', { file, detail: found.detail }), { fieldPath: found.fieldPath }));
  };
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return failed(captureProblem(file, message('capture:problem.notObject', { file })));
  }
  const { records, wire, ...header } = document as { records?: unknown; wire?: unknown };
  const headerProblem = builder.header(header);
  if (headerProblem) return fail(headerProblem);
  const recordList = message('capture:expected.recordList');
  if (!Array.isArray(records)) return fail(fieldProblem('records', records === undefined ? message('capture:expected.missing', { expected: recordList }) : recordList));
  if (wire !== undefined && !Array.isArray(wire)) return fail(fieldProblem('wire', message('capture:expected.wireList')));
  for (const record of records) {
    const found = builder.record(record);
    if (found) return fail(found);
  }
  for (const [index, chunk] of (wire ?? []).entries()) {
    const found = builder.wire(chunk, index);
    if (found) return fail(found);
  }
  return { ok: true, log: builder.finish() };
}

// V8 reports "… in JSON at position N" in UTF-16 units; users and editors want bytes, lines and columns.
function jsonProblem(file: string, text: string, size: number, error: unknown): CaptureFileProblem {
  const reason = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(reason)?.[1];
  if (position === undefined) {
    if (/end of JSON input/i.test(reason)) {
      return captureProblem(file, message('capture:problem.truncated', { file, byteOffset: size }), { byteOffset: size });
    }
    return captureProblem(file, message('capture:problem.notJson', { file, reason }));
  }
  const index = Number(position);
  const before = text.slice(0, index);
  const byteOffset = Buffer.byteLength(before, 'utf8');
  const lineNumber = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  const detail = reason.replace(/ in JSON at position \d+.*$/s, '');
  if (index >= text.trimEnd().length) {
    return captureProblem(file, message('capture:problem.truncated', { file, byteOffset }), { byteOffset });
  }
  return captureProblem(file, message('capture:problem.brokenAtLine', { file, byteOffset, line: lineNumber, column, detail }), { byteOffset });
}

function failed(problem: CaptureFileProblem): CaptureReadResult {
  return { ok: false, problem };
}

async function* toAsync(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

// Bytes already in memory, handed out like a file stream: in chunks, one event-loop turn apart.
async function* slices(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let from = 0; from < bytes.byteLength; from += chunkBytes) {
    yield bytes.subarray(from, from + chunkBytes);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
