import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { CaptureHeader } from '../../../shared/contract/capture.js';
import { captureHeaderSchema, eventRecordJsonSchema, handshakeRecordJsonSchema } from '../../../shared/contract/capture-schema.js';
import type { RecordJson } from '../../../shared/contract/records.js';
import type { CaptureLog } from './capture-log.js';
import { formatFieldPath } from './field-path.js';
import { headerLine, NativeLayout } from './native-format.js';

/**
 * Writes `log` as a `.frameline.json` file at `path`: into a `.partial` file first, renamed when
 * complete, so a failed export never leaves a half file under the real name.
 */
export async function writeCaptureFile(log: CaptureLog, path: string): Promise<void> {
  const partialPath = `${path}.partial`;
  const stream = createWriteStream(partialPath, { mode: 0o600 });
  try {
    await writeCapture(log, stream);
    stream.end();
    await once(stream, 'close');
    await rename(partialPath, path);
  } catch (error) {
    stream.destroy();
    await rm(partialPath, { force: true });
    throw error;
  }
}

/**
 * Streams `log` to `stream` in the native layout, one slice of records at a time, waiting for
 * `drain`; the stream is left open. Throws if the header or a record does not match the schema
 * (a session bug), because the file could not be imported again.
 */
export async function writeCapture(log: CaptureLog, stream: Writable): Promise<void> {
  let streamError: unknown = null;
  const onError = (error: unknown): void => {
    streamError ??= error;
  };
  stream.on('error', onError);
  const write = async (text: string): Promise<void> => {
    if (streamError !== null) throw streamError;
    if (!stream.write(text)) await once(stream, 'drain');
  };
  try {
    await write(`${headerLine(canonicalHeader(log.header))}\n${NativeLayout.recordsOpen}`);
    let isFirst = true;
    for await (const slice of log.records()) {
      let text = '';
      for (const record of slice) {
        text += `${isFirst ? '\n' : ',\n'}${JSON.stringify(canonicalRecord(record))}`;
        isFirst = false;
      }
      await write(text);
    }
    await write(`\n${NativeLayout.recordsClose}\n${NativeLayout.wireOpen}`);
    isFirst = true;
    for await (const slice of log.wireChunks()) {
      let text = '';
      for (const chunk of slice) {
        text += `${isFirst ? '\n' : ',\n'}${JSON.stringify(chunk)}`;
        isFirst = false;
      }
      await write(text);
    }
    await write(`\n${NativeLayout.documentClose}\n`);
    if (streamError !== null) throw streamError;
  } finally {
    stream.off('error', onError);
  }
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
