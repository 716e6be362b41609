import type { Writable } from 'node:stream';
import type { CaptureHeader } from '../../../../shared/contract/capture.js';
import { captureHeaderSchema, eventRecordJsonSchema, handshakeRecordJsonSchema } from '../../../../shared/contract/capture-schema.js';
import type { RecordJson } from '../../../../shared/contract/records.js';
import { formatFieldPath } from '../field-path.js';
import { headerLine, NativeLayout } from '../native-format.js';
import type { CaptureStream } from './capture-stream.js';
import { listSeparator } from './list-separator.js';
import { StreamWriter } from './stream-writer.js';

/**
 * Streams a capture (usually a redacted view) to `stream` in the `.frameline.json` line layout,
 * the same bytes native-writer.ts writes for a log. Frames marked `redacted` keep the mark.
 */
export async function writeNativeExport(capture: CaptureStream, stream: Writable): Promise<void> {
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

// Through the schema, so keys come out in the order the native writer uses.
function canonicalHeader(header: CaptureHeader): CaptureHeader {
  const result = captureHeaderSchema.safeParse(header);
  if (!result.success) throw new Error(`cannot export the capture: header ${formatFieldPath([], result.error.issues[0])}`);
  return result.data;
}

function canonicalRecord(record: RecordJson): RecordJson {
  if (record.kind === 'frame') return record;
  const schema = record.kind === 'handshake' ? handshakeRecordJsonSchema : eventRecordJsonSchema;
  const result = schema.safeParse(record);
  if (!result.success) throw new Error(`cannot export the capture: ${formatFieldPath(['records', record.seq], result.error.issues[0])}`);
  return result.data;
}
