import { asciiBytes, type ByteOutput } from '../engine/capture/byte-output.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import type { CapturedRecord } from '../engine/capture/captured-record.js';
import { writeFrameJson } from '../engine/capture/frame-json-writer.js';
import type { RecordFormat } from './record-printer.js';
import { formatRecord } from './timeline-line.js';

const lineBreak = asciiBytes('\n');

/** `--json`: one record per line in the capture record shape (shared/contract/records.ts). */
export function jsonRecordLine(out: ByteOutput, record: CapturedRecord): void {
  if (record.kind === 'frame') return writeFrameJson(out, record, true);
  out.utf8(JSON.stringify(record));
  out.constant(lineBreak);
}

/** The readable timeline in the reader's language: time, arrow, opcode, bits, length and a preview (timeline-line.ts). */
export function textRecordLines(t: Translate): RecordFormat {
  return (out, record) => {
    for (const line of formatRecord(record, t)) {
      out.utf8(line);
      out.constant(lineBreak);
    }
  };
}
