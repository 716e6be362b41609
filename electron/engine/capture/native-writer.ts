import type { Writable } from 'node:stream';
import type { CaptureHeader } from '../../../shared/contract/capture.js';
import { captureHeaderSchema, eventRecordJsonSchema, handshakeRecordJsonSchema } from '../../../shared/contract/capture-schema.js';
import type { RecordJson } from '../../../shared/contract/records.js';
import type { CaptureStream } from './export/capture-stream.js';
import { listSeparator } from './export/list-separator.js';
import { StreamWriter, writeFileAtomically } from './export/stream-writer.js';
import { formatFieldPath } from './field-path.js';
import { headerLine, NativeLayout } from './native-format.js';

/**
 * Writes a capture as a `.frameline.json` file at `path`: into a `.partial` file first, renamed
 * when complete, so a failed export never leaves a half file under the real name.
 */
export async function writeCaptureFile(capture: CaptureStream, path: string): Promise<void> {
  await writeFileAtomically(path, (stream) => writeCapture(capture, stream));
}

/**
 * Streams a capture (a log, or a redacted view of one) to `stream` in the native line layout, one
 * slice of records at a time, waiting for `drain`; the stream is left open. Throws if the header
 * or a record does not match the schema (a session bug), because the file could not be imported.
 */
export async function writeCapture(capture: CaptureStream, stream: Writable): Promise<void> {
  const writer = new StreamWriter(stream);
  await writer.write(`${headerLine(canonicalHeader(capture.header))}\n${NativeLayout.recordsOpen}`);
  const nextRecord = listSeparator();
  for await (const slice of capture.records()) {
    await writer.write(slice.map((record) => `${nextRecord()}${JSON.stringify(canonicalRecord(record))}`).join(''));
  }
  await writer.write(`\n${NativeLayout.recordsClose}\n${NativeLayout.wireOpen}`);
  const nextChunk = listSeparator();
  for await (const slice of capture.wireChunks()) {
    await writer.write(slice.map((chunk) => `${nextChunk()}${JSON.stringify(chunk)}`).join(''));
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

// Frames come out of the log in canonical order already; handshakes and events are kept as the session gave them.
function canonicalRecord(record: RecordJson): RecordJson {
  if (record.kind === 'frame') return record;
  const schema = record.kind === 'handshake' ? handshakeRecordJsonSchema : eventRecordJsonSchema;
  const result = schema.safeParse(record);
  if (!result.success) throw new Error(`cannot export the capture: ${formatFieldPath(['records', record.seq], result.error.issues[0])}`);
  return result.data;
}
