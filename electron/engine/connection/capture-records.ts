import type { ConnectionRecord } from '../../../shared/connection/connection-command.js';
import type { CaptureLog } from '../capture/capture-log.js';
import { toBase64 } from '../capture/byte-text.js';

/**
 * Appends one record of a WebSocketConnection to its capture and returns the capture's seq. Frames
 * keep their bytes; the rest become connection events, whose details the capture keeps as JSON
 * (so undecoded bytes are base64 here, the JSON edge).
 */
export function appendConnectionRecord(capture: CaptureLog, record: ConnectionRecord): number {
  switch (record.kind) {
    case 'frame':
      return capture.appendFrame(record.frame, record.direction, record.rttMicros);
    case 'undecoded':
      return capture.appendEvent({
        atMicros: record.atMicros,
        name: 'warning',
        message: record.message,
        direction: record.direction,
        bytes: toBase64(record.bytes),
        ...(record.bytes.length < record.byteLength ? { byteLength: record.byteLength } : {}),
        rule: record.violation.rule,
      });
    case 'failed':
      return capture.appendEvent({ atMicros: record.atMicros, name: 'error', stage: record.stage, message: record.message, hint: record.hint });
    case 'closed':
      return capture.appendEvent({ atMicros: record.atMicros, name: 'closed', ...record.details });
  }
}
