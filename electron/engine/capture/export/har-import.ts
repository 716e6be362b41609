import type { z } from 'zod';
import type { CaptureHeader, NegotiatedExtension } from '../../../../shared/contract/capture.js';
import type { FrameRecordJson, HandshakeRecordJson, HeaderPair } from '../../../../shared/contract/records.js';
import { notedText } from '../../../../shared/i18n/event-text.js';
import { parseExtensionHeader } from '../../../../shared/protocol/extension-header.js';
import { parseClosePayload } from '../../../../shared/protocol/close-payload.js';
import { encodeFrame } from '../../../../shared/protocol/frame-encoder.js';
import type { CaptureFileProblem } from '../../../../shared/contract/capture.js';
import { message } from '../../../../shared/i18n/message.js';
import { captureProblem } from '../capture-problem.js';
import { CaptureImport, fieldProblem, issueProblem, type FieldProblem } from '../capture-import.js';
import type { CaptureReadOptions, CaptureReadResult } from '../native-reader.js';
import { fieldPathText } from '../field-path.js';
import { httpEntries, importHttpOnly, noteOtherEntries } from './har-http-import.js';
import { HAR_EXTRAS_FIELD } from './har-log.js';
import { harEntryExtrasSchema, harEntrySchema, harLogSchema, harMessageExtrasSchema, harMessageSchema } from './har-import-schema.js';
import { scanJsonArrays, pathText, type JsonArraySpans, type JsonPath } from './json-array-spans.js';
import { brokenAt, jsonProblem, truncatedAt } from './json-problem.js';
import { blankCaptureHeader } from '../blank-header.js';

type Path = (string | number)[];
type HarEntry = ReturnType<typeof harEntrySchema.parse>;
type HarMessage = ReturnType<typeof harMessageSchema.parse>;

/** A record to import and where in the HAR it came from, so a problem names the HAR field. */
interface SourcedRecord {
  readonly record: unknown;
  readonly path: Path;
  /** The HAR's name for a field of the record, where it differs. */
  readonly fieldName?: (field: string) => string;
}

// Where each field of a frame record comes from in a message (har-message.ts): Chrome's fields or ours with an underscore.
const messageFields: Record<string, string> = { direction: 'type', opcode: 'opcode', inflatedPayload: 'data' };

function messageFieldName(isInflated: boolean): (field: string) => string {
  return (field) => (field === 'payload' ? (isInflated ? '_payload' : 'data') : (messageFields[field] ?? `_${field}`));
}

class HarProblem extends Error {
  constructor(readonly found: FieldProblem) {
    super(found.text);
  }
}

/** The messages of the WebSocket entry, read one at a time from their place in the file. */
interface MessageSpans {
  readonly count: number;
  /** The message at `position`, parsed and checked against Chrome's four fields. */
  at(position: number): HarMessage;
}

class FileProblem extends Error {
  constructor(readonly problem: CaptureFileProblem) {
    super(problem.message);
  }
}

/**
 * Reads the WebSocket entry of a HAR file into a read-only CaptureLog. A HAR Frameline wrote
 * (`_frameline` on the entry) is restored exactly; any other HAR (Chrome's own) shows what it has:
 * the handshake headers and each message as one whole frame, with a note naming what HAR does not
 * carry. Other entries (HTTP exchanges) are named in notes after the records; a HAR of HTTP
 * exchanges only (a relay's export) opens as notes, one per exchange (har-http-import.ts). The messages are parsed one at a time from the file's bytes (json-array-spans.ts), so a
 * HAR of any number of messages needs memory for the bytes and the capture, not for a parsed
 * document. Never throws: one problem names the file and the HAR field or byte offset.
 */
export function readHarCapture(file: string, bytes: Uint8Array, options: CaptureReadOptions = {}): CaptureReadResult {
  const isMessages = (path: JsonPath): boolean => path.length === 4 && path[0] === 'log' && path[1] === 'entries' && path[3] === '_webSocketMessages';
  const scan = scanJsonArrays(bytes, isMessages);
  if ('detail' in scan) return { ok: false, problem: scan.isTruncated ? truncatedAt(file, bytes.length) : brokenAt(file, scan.byteOffset, scan.detail) };
  let document: unknown;
  try {
    document = JSON.parse(scan.skeleton);
  } catch (error) {
    return { ok: false, problem: jsonProblem(file, scan.skeleton, error, { fileOffset: scan.documentOffset, fileBytes: bytes.length, isFileEnd: true }) };
  }
  const builder = new CaptureImport(options);
  try {
    const log = parse(harLogSchema, document, []).log;
    const index = log.entries.findIndex(isWebSocketEntry);
    const others = httpEntries(log.entries, index);
    if (index < 0) {
      if (others.length === 0) throw new HarProblem(fieldProblem('log.entries', message('capture:rule.noWebSocketEntry')));
      check(importHttpOnly(builder, others), ['log', 'entries'], '');
      return { ok: true, log: builder.finish() };
    }
    const at: Path = ['log', 'entries', index];
    const entry = parse(harEntrySchema, log.entries[index], at);
    const messages = messageSpans(file, bytes, scan, [...at, '_webSocketMessages']);
    const extras = (entry as Record<string, unknown>)[HAR_EXTRAS_FIELD];
    if (extras === undefined) importForeignEntry(builder, entry, messages, at);
    else importOwnEntry(builder, extras, messages, at);
    check(noteOtherEntries(builder, others), ['log', 'entries'], '');
    return { ok: true, log: builder.finish() };
  } catch (error) {
    builder.abandon();
    if (error instanceof HarProblem) return { ok: false, problem: captureProblem(file, message('capture:problem.field', { file, detail: error.found.detail }), { fieldPath: error.found.fieldPath }) };
    if (error instanceof FileProblem) return { ok: false, problem: error.problem };
    throw error;
  }
}

function messageSpans(file: string, bytes: Uint8Array, scan: JsonArraySpans, path: Path): MessageSpans {
  const spans = scan.elements.get(pathText(path)) ?? [];
  return {
    count: spans.length / 2,
    at: (position) => {
      const start = spans[position * 2] as number;
      const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, (spans[position * 2 + 1] as number) - start).toString('utf8');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new FileProblem(jsonProblem(file, text, error, { fileOffset: (offset) => start + offset, fileBytes: bytes.length, isFileEnd: false }));
      }
      return parse(harMessageSchema, value, [...path, position]);
    },
  };
}

function isWebSocketEntry(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const fields = entry as { _resourceType?: unknown; _webSocketMessages?: unknown };
  return fields._resourceType === 'websocket' || Array.isArray(fields._webSocketMessages);
}

function parse<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: z.ZodError } }, value: unknown, at: Path): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HarProblem(issueProblem(at, result.error.issues[0]));
}

// A Frameline HAR: the header, handshake and events from `_frameline`, frames from the messages'
// underscore fields, merged by seq as the messages are read (both are written in seq order).
function importOwnEntry(builder: CaptureImport, value: unknown, messages: MessageSpans, at: Path): void {
  const extrasAt: Path = [...at, HAR_EXTRAS_FIELD];
  const extras = parse(harEntryExtrasSchema, value, extrasAt);
  check(builder.header(extras.header), [...extrasAt, 'header'], '');
  let appended = 0;
  let nextExtra = 0;
  const append = (each: SourcedRecord): void => {
    check(builder.record(each.record), each.path, fieldPathText(['records', appended]), each.fieldName);
    appended += 1;
  };
  const appendExtrasBefore = (seq: number): void => {
    while (nextExtra < extras.records.length && seqOf(extras.records[nextExtra]) < seq) {
      append({ record: extras.records[nextExtra], path: [...extrasAt, 'records', nextExtra] });
      nextExtra += 1;
    }
  };
  for (let position = 0; position < messages.count; position += 1) {
    const path: Path = [...at, '_webSocketMessages', position];
    const frame = ownFrame(messages.at(position), path);
    appendExtrasBefore(seqOf(frame.record));
    append(frame);
  }
  appendExtrasBefore(Number.POSITIVE_INFINITY);
  for (const [position, chunk] of extras.wire.entries()) check(builder.wire(chunk, position), [...extrasAt, 'wire', position], fieldPathText(['wire', position]));
}

function ownFrame(message: HarMessage, path: Path): SourcedRecord {
  const extras = parse(harMessageExtrasSchema, message, path);
  const data = decodeData(message.data, extras._encoding, [...path, 'data']);
  const payload = extras._inflated ? extras._payload ?? '' : data;
  const record: FrameRecordJson = {
    kind: 'frame',
    seq: extras._seq,
    atMicros: extras._atMicros,
    direction: message.type === 'send' ? 'out' : 'in',
    fin: extras._fin,
    rsv1: extras._rsv1,
    rsv2: extras._rsv2,
    rsv3: extras._rsv3,
    opcode: message.opcode,
    masked: extras._masked,
    maskingKey: extras._maskingKey,
    payloadLength: extras._payloadLength,
    headerBytes: extras._headerBytes,
    payload,
    payloadTruncated: extras._payloadTruncated,
    messageId: extras._messageId,
    fragment: extras._fragment,
    ...(extras._inflated ? { inflatedPayload: data } : {}),
    ...(extras._closeCode !== undefined ? { closeCode: extras._closeCode } : {}),
    ...(extras._closeReason !== undefined ? { closeReason: extras._closeReason } : {}),
    ...(extras._rttMicros !== undefined ? { rttMicros: extras._rttMicros } : {}),
    violations: extras._violations as FrameRecordJson['violations'],
    ...(extras._redacted ? { redacted: true } : {}),
    ...(extras._leg ? { leg: extras._leg } : {}),
    ...(extras._link !== undefined ? { link: extras._link } : {}),
  };
  return { record, path, fieldName: messageFieldName(extras._inflated === true) };
}

function seqOf(record: unknown): number {
  const seq = typeof record === 'object' && record !== null ? (record as { seq?: unknown }).seq : undefined;
  return typeof seq === 'number' ? seq : Number.MAX_SAFE_INTEGER;
}

// A problem from the native builder names `records[7].payload`; the user needs the HAR field it came from.
function check(problem: FieldProblem | null, path: Path, builderPrefix: string, fieldName: (field: string) => string = (field) => field): void {
  if (problem === null) return;
  const native = problem.fieldPath.startsWith(builderPrefix) ? problem.fieldPath.slice(builderPrefix.length) : problem.fieldPath;
  // The first field of the rest is named as the HAR names it (a message has `data`, not `payload`).
  const rest = native.replace(/^\.([A-Za-z_]+)/, (_all, field: string) => `.${fieldName(field)}`);
  const base = fieldPathText(path);
  const fieldPath = rest === '' ? base : rest.startsWith('[') ? `${base}${rest}` : `${base}.${rest.replace(/^\./, '')}`;
  throw new HarProblem(fieldProblem(fieldPath, problem.expectedText, problem.expected));
}

const missingFromForeignHar = message('common:capture.foreignHar');

// Chrome's shape (or any HAR with _webSocketMessages): what is there, and a note saying what is not.
function importForeignEntry(builder: CaptureImport, entry: HarEntry, messages: MessageSpans, at: Path): void {
  const startedMicros = Math.round(Date.parse(entry.startedDateTime) * 1000);
  // The capture starts at the earliest moment the HAR names; a first pass over the messages finds it.
  let epochMicros = startedMicros;
  for (let position = 0; position < messages.count; position += 1) epochMicros = Math.min(epochMicros, Math.round(messages.at(position).time * 1e6));
  const handshake = foreignHandshake(entry, startedMicros - epochMicros);
  const headerFields: CaptureHeader = {
    format: 'frameline-capture',
    version: 1,
    ...blankCaptureHeader(epochMicros, entry.request.url),
    handshake: { request: handshake.request, response: handshake.response, checks: [] },
    extensions: extensionsOf(handshake.response?.headers ?? []),
    subprotocol: handshake.response?.headers.find(([name]) => name.toLowerCase() === 'sec-websocket-protocol')?.[1] ?? null,
  };
  check(builder.header(headerFields), [...at, 'request'], '');
  check(builder.record({ kind: 'event', seq: 0, atMicros: 0, name: 'note', ...notedText(missingFromForeignHar), source: 'har' }), at, 'records[0]');
  check(builder.record(handshake), [...at, 'request'], 'records[1]');
  for (let position = 0; position < messages.count; position += 1) {
    const message = messages.at(position);
    const path: Path = [...at, '_webSocketMessages', position];
    const payload = Buffer.from(decodeData(message.data, message.opcode === 1 ? 'text' : 'base64', [...path, 'data']), 'base64');
    const close = message.opcode === 8 ? parseClosePayload(payload) : null;
    const record: FrameRecordJson = {
      kind: 'frame',
      seq: position + 2,
      atMicros: Math.max(0, Math.round(message.time * 1e6) - epochMicros),
      direction: message.type === 'send' ? 'out' : 'in',
      fin: true,
      rsv1: false,
      rsv2: false,
      rsv3: false,
      opcode: message.opcode,
      masked: false,
      maskingKey: null,
      payloadLength: payload.byteLength,
      headerBytes: Buffer.from(encodeFrame({ opcode: message.opcode, declaredLength: payload.byteLength })).toString('base64'),
      payload: payload.toString('base64'),
      payloadTruncated: false,
      messageId: position + 1,
      fragment: 'whole',
      ...(close?.closeCode !== undefined ? { closeCode: close.closeCode, closeReason: close.closeReason ?? '' } : {}),
      violations: [],
    };
    check(builder.record(record), path, `records[${position + 2}]`, messageFieldName(false));
  }
}

function foreignHandshake(entry: HarEntry, atMicros: number): HandshakeRecordJson {
  const requestHeaders: HeaderPair[] = entry.request.headers.map(({ name, value }) => [name, value]);
  const responseHeaders: HeaderPair[] = entry.response.headers.map(({ name, value }) => [name, value]);
  const target = targetOf(entry.request.url);
  const httpVersion = (entry.request.httpVersion ?? 'HTTP/1.1').replace(/^HTTP\//i, '') || '1.1';
  const requestHead = `${entry.request.method} ${target} HTTP/${httpVersion}\r\n${headerLines(requestHeaders)}\r\n`;
  const statusText = entry.response.statusText ?? '';
  const responseVersion = (entry.response.httpVersion ?? 'HTTP/1.1').replace(/^HTTP\//i, '') || '1.1';
  const responseHead = `HTTP/${responseVersion} ${entry.response.status} ${statusText}\r\n${headerLines(responseHeaders)}\r\n`;
  return {
    kind: 'handshake',
    seq: 1,
    atMicros,
    request: { method: entry.request.method, target, httpVersion, headers: requestHeaders, raw: Buffer.from(requestHead, 'latin1').toString('base64') },
    response:
      entry.response.status === 0
        ? null
        : { httpVersion: responseVersion, statusCode: entry.response.status, reason: statusText, headers: responseHeaders, raw: Buffer.from(responseHead, 'latin1').toString('base64') },
    checks: [],
  };
}

function headerLines(headers: readonly HeaderPair[]): string {
  return headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
}

function targetOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return '/';
  }
}

function extensionsOf(headers: readonly HeaderPair[]): NegotiatedExtension[] {
  const values = headers.filter(([name]) => name.toLowerCase() === 'sec-websocket-extensions').map(([, value]) => value);
  const parsed = parseExtensionHeader(values);
  if (!parsed.ok) return [];
  return parsed.extensions.map((element) => ({ name: element.name, params: Object.fromEntries(element.params.map((param) => [param.name, param.value ?? true])) }));
}

// Message data as base64: text is UTF-8 encoded, base64 is checked.
function decodeData(data: string, encoding: 'text' | 'base64', path: Path): string {
  if (encoding === 'text') return Buffer.from(data, 'utf8').toString('base64');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) throw new HarProblem(fieldProblem(fieldPathText(path), message('capture:expected.base64ForOpcode')));
  return data;
}
