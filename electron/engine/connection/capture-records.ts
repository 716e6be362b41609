import type { ConnectionRecord } from '../../../shared/connection/connection-command.js';
import type { CaptureLog, FrameLegTags } from '../capture/capture-log.js';
import { toBase64 } from '../capture/byte-text.js';

/**
 * Appends one record of a WebSocketConnection to its capture and returns the capture's seq. Frames
 * keep their bytes; the rest become connection events, whose details the capture keeps as JSON
 * (so undecoded bytes are base64 here, the JSON edge). A relay leg's records carry its `tags`
 * (events its leg, as a detail).
 */
export function appendConnectionRecord(capture: CaptureLog, record: ConnectionRecord, tags?: FrameLegTags): number {
  if (record.kind === 'frame') return capture.appendFrame(record.frame, record.direction, record.rttMicros, tags);
  // Made only for events: frames, one per record of a flood, need no object of their own here.
  const leg = tags ? { leg: tags.leg } : {};
  switch (record.kind) {
    case 'undecoded':
      return capture.appendEvent({
        atMicros: record.atMicros,
        name: 'warning',
        message: record.message,
        i18n: record.i18n,
        direction: record.direction,
        bytes: toBase64(record.bytes),
        ...(record.bytes.length < record.byteLength ? { byteLength: record.byteLength } : {}),
        rule: record.violation.rule,
        ...leg,
      });
    case 'budget':
      return capture.appendEvent({ atMicros: record.atMicros, name: 'warning', message: record.message, i18n: record.i18n, budget: record.budget, limit: record.limit, ...(record.pauses ? { pauses: record.pauses } : {}), ...leg });
    case 'failed':
      return capture.appendEvent({ atMicros: record.atMicros, name: 'error', stage: record.stage, message: record.message, hint: record.hint, i18n: record.i18n, ...leg });
    case 'closed':
      return capture.appendEvent({ atMicros: record.atMicros, name: 'closed', ...record.details, ...leg });
  }
}
