import { sessionClosedInfoSchema, type SessionClosedInfo } from '../../../shared/contract/api-session.js';
import type { EventRecordJson } from '../../../shared/contract/records.js';
import type { CaptureLog } from './capture-log.js';

/** How far from the end the `closed` event is looked for: it ends every connection, so only a relay's other leg or a late note can follow it. */
const scannedRecords = 64;

/**
 * How a finished capture's connection ended, read back from its last `closed` event in the form a
 * live session's summary has (strict mode's failing record and rule among it), at its wall-clock
 * time; undefined when the capture has none, or one whose fields do not fit.
 */
export function recordedClose(capture: CaptureLog, openedAtMs: number): SessionClosedInfo | undefined {
  const stop = Math.max(0, capture.count - scannedRecords);
  for (let seq = capture.count - 1; seq >= stop; seq -= 1) {
    if (capture.kindAt(seq) !== 'event') continue;
    const record = capture.getRecord(seq) as EventRecordJson;
    if (record.name !== 'closed') continue;
    // An imported file's event is loose JSON: the schema keeps the summary's fields and drops the rest.
    const parsed = sessionClosedInfoSchema.safeParse({ ...record, at: openedAtMs + record.atMicros / 1000 });
    return parsed.success ? parsed.data : undefined;
  }
  return undefined;
}
