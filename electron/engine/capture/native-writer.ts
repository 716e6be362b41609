import type { Writable } from 'node:stream';
import type { CaptureHeader } from '../../../shared/contract/capture.js';
import { captureHeaderSchema, eventRecordJsonSchema, handshakeRecordJsonSchema } from '../../../shared/contract/capture-schema.js';
import type { EventRecordJson, HandshakeRecordJson } from '../../../shared/contract/records.js';
import type { CaptureLog } from './capture-log.js';
import type { CaptureStream } from './export/capture-stream.js';
import { listSeparator } from './export/list-separator.js';
import { logStream } from './export/log-stream.js';
import { writeStreamAtomic } from '../profiles/atomic-file.js';
import { StreamWriter } from './export/stream-writer.js';
import { formatFieldPath } from './field-path.js';
import { headerLine, NativeLayout } from './native-format.js';

// Items of the records list: a line break before the first, a comma and a line break before the others (list-separator.ts).
const firstItem = asciiBytes('\n');
const nextItem = asciiBytes(',\n');
import { writeFrameJson } from './frame-json-writer.js';
import { asciiBytes, ByteOutput } from './byte-output.js';

/**
 * Writes a log as a `.frameline.json` file at `path` (no redaction) atomically, so a failed or
 * killed export never leaves a half file under the real name (profiles/atomic-file.ts).
 */
export async function writeCaptureFile(log: CaptureLog, path: string): Promise<void> {
  await writeStreamAtomic(path, (stream) => writeCapture(logStream(log), stream));
}

/**
 * Streams a capture (a log's stream, or a redacted view of one) to `stream` in the native line
 * layout, one slice of records at a time, waiting for `drain`; the stream is left open. Throws if
 * the header or a record does not match the schema (a session bug), because the file could not be
 * imported.
 */
export async function writeCapture(capture: CaptureStream, stream: Writable): Promise<void> {
  const writer = new StreamWriter(stream);
  await writer.write(`${headerLine(canonicalHeader(capture.header))}\n${NativeLayout.recordsOpen}`);
  const out = new ByteOutput();
  let isFirst = true;
  for await (const slice of capture.records()) {
    for (const record of slice) {
      out.constant(isFirst ? firstItem : nextItem);
      isFirst = false;
      if (record.kind === 'frame') writeFrameJson(out, record);
      else out.utf8(JSON.stringify(canonicalRecord(record)));
    }
    await writer.write(out.take());
  }
  await writer.write(`\n${NativeLayout.recordsClose}\n${NativeLayout.wireOpen}`);
  const nextChunk = listSeparator();
  for await (const slice of capture.wireChunks()) {
    let text = '';
    for (const [atMicros, direction, byteLength] of slice) text += `${nextChunk()}[${atMicros},"${direction}",${byteLength}]`;
    await writer.write(text);
  }
  await writer.write(`\n${NativeLayout.documentClose}\n`);
  writer.finish();
}

// Through the schema, so nested keys come out in schema order whatever order the session built
// them in: an exported file then re-exports byte for byte after an import.
function canonicalHeader(header: CaptureHeader): CaptureHeader {
  const result = captureHeaderSchema.safeParse(header);
  if (!result.success) throw new Error(`cannot export the capture: header ${formatFieldPath([], result.error.issues[0])}`);
  return result.data;
}

// Frames are written in canonical key order directly; handshakes and events are kept as the session gave them, through their schema.
function canonicalRecord(record: HandshakeRecordJson | EventRecordJson): HandshakeRecordJson | EventRecordJson {
  const schema = record.kind === 'handshake' ? handshakeRecordJsonSchema : eventRecordJsonSchema;
  const result = schema.safeParse(record);
  if (!result.success) throw new Error(`cannot export the capture: ${formatFieldPath(['records', record.seq], result.error.issues[0])}`);
  return result.data;
}
