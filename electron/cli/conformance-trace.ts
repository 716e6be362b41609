import type { Translate } from '../../shared/i18n/create-i18n.js';
import type { CaptureLog } from '../engine/capture/capture-log.js';
import { formatRecord } from './timeline-line.js';

const headRecords = 60;
const tailRecords = 20;

/**
 * A case's records as the lines `frameline connect` prints (handshake, frames with their bits,
 * events), the first 60 and the last 20 when there are more; the capture file has them all.
 */
export function traceLines(capture: CaptureLog, t: Translate): string[] {
  const count = capture.count;
  const lines: string[] = [];
  const add = (from: number, to: number): void => {
    for (let seq = from; seq < to; seq++) lines.push(...formatRecord(capture.getRecord(seq), t).flatMap((line) => line.split('\n')));
  };
  if (count <= headRecords + tailRecords) {
    add(0, count);
    return lines;
  }
  add(0, headRecords);
  lines.push(`          … ${count - headRecords - tailRecords} records omitted`);
  add(count - tailRecords, count);
  return lines;
}
