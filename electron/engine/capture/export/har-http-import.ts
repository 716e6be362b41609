import type { CaptureHeader } from '../../../../shared/contract/capture.js';
import { notedText } from '../../../../shared/i18n/event-text.js';
import { message, verbatim, type Message } from '../../../../shared/i18n/message.js';
import type { CaptureImport, FieldProblem } from '../capture-import.js';
import { harEntrySchema } from './har-import-schema.js';
import { blankCaptureHeader } from '../blank-header.js';

type HarEntry = ReturnType<typeof harEntrySchema.parse>;

/** An entry of a HAR that is not WebSocket (an HTTP request and its answer), where it is in `log.entries`. */
export interface HttpEntry {
  readonly index: number;
  readonly entry: HarEntry;
}

/** The entries other than `webSocketIndex` that read as HAR entries (HTTP exchanges); anything else is left to the schema's problems. */
export function httpEntries(entries: readonly unknown[], webSocketIndex: number): HttpEntry[] {
  const found: HttpEntry[] = [];
  entries.forEach((value, index) => {
    if (index === webSocketIndex) return;
    const parsed = harEntrySchema.safeParse(value);
    if (parsed.success) found.push({ index, entry: parsed.data });
  });
  return found;
}

/** How many of a HAR's other entries a note names one by one; the rest are counted. */
const namedEntriesLimit = 20;

/**
 * After a WebSocket entry's records: one note saying the file holds other entries (HTTP
 * exchanges, which a capture has no place for), naming the first few, so none is dropped unsaid.
 */
export function noteOtherEntries(builder: CaptureImport, others: readonly HttpEntry[]): FieldProblem | null {
  if (others.length === 0) return null;
  const notes = [
    message('capture:har.otherEntries', { count: others.length }),
    ...others.slice(0, namedEntriesLimit).map(({ entry }) => entryMessage(entry)),
    ...(others.length > namedEntriesLimit ? [message('capture:har.moreEntries', { count: others.length - namedEntriesLimit })] : []),
  ];
  for (const text of notes) {
    const problem = builder.note(text, 'har');
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * A HAR without a WebSocket entry (a relay's HTTP exchanges, a page's requests) as a capture of
 * notes: first what it is, then one note per exchange at its start time (method, URL, status,
 * body sizes, time, the entry's comment), so the file opens and its exchanges can be read. Their
 * heads and bodies stay in the file; the capture has no place for them.
 */
export function importHttpOnly(builder: CaptureImport, entries: readonly HttpEntry[]): FieldProblem | null {
  const starts = entries.map(({ entry }) => Math.round(Date.parse(entry.startedDateTime) * 1000));
  const epochMicros = Math.min(...starts);
  const header: CaptureHeader = { format: 'frameline-capture', version: 1, ...blankCaptureHeader(epochMicros, entries[0]!.entry.request.url) };
  const problem = builder.header(header);
  if (problem !== null) return problem;
  const order = entries.map((each, position) => ({ ...each, atMicros: (starts[position] ?? epochMicros) - epochMicros })).sort((a, b) => a.atMicros - b.atMicros);
  let seq = 0;
  const note = (text: Message, atMicros: number): FieldProblem | null => builder.record({ kind: 'event', seq: seq++, atMicros, name: 'note', ...notedText(text), source: 'har' });
  const first = note(message('capture:har.httpOnly', { count: entries.length }), 0);
  if (first !== null) return first;
  for (const { entry, atMicros } of order) {
    const found = note(entryMessage(entry), atMicros);
    if (found !== null) return found;
  }
  return null;
}

// One note per exchange: the entry's own words (method, URL, status line, comment) are data, not prose.
function entryMessage(entry: HarEntry): Message {
  const fields = entry as HarEntry & { time?: unknown; comment?: unknown; request: { bodySize?: unknown }; response: { bodySize?: unknown; content?: { size?: unknown } } };
  const line = message('capture:har.httpEntry', {
    method: verbatim(entry.request.method),
    url: verbatim(entry.request.url),
    status: entry.response.status === 0 ? message('capture:har.noResponse') : verbatim(`${entry.response.status} ${entry.response.statusText ?? ''}`.trimEnd()),
    requestBytes: byteCount(fields.request.bodySize),
    responseBytes: byteCount(fields.response.content?.size ?? fields.response.bodySize),
    ms: typeof fields.time === 'number' ? Math.round(fields.time) : '?',
  });
  return typeof fields.comment === 'string' && fields.comment !== '' ? message('capture:har.withComment', { line, comment: verbatim(fields.comment) }) : line;
}

function byteCount(value: unknown): number | string {
  return typeof value === 'number' && value >= 0 ? value : '?';
}
