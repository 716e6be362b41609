import type { FrameRecordJson, RecordJson } from '../../shared/contract/records.js';
import type { RelaySession } from '../../electron/engine/relay/relay-session.js';

/** Every record of a relay session's capture. */
export function allRecords(session: RelaySession): RecordJson[] {
  const records: RecordJson[] = [];
  for (let seq = 0; seq < session.capture.count; seq++) records.push(session.capture.getRecordJson(seq));
  return records;
}

/** The frames of one leg and direction: `client`/`out` is client→relay, `server`/`out` relay→server, and so on. */
export function legFrames(session: RelaySession, leg: 'client' | 'server', direction: 'in' | 'out'): FrameRecordJson[] {
  return allRecords(session).filter((record): record is FrameRecordJson => record.kind === 'frame' && record.leg === leg && record.direction === direction);
}

/** A frame's payload (inflated when compressed) as text. */
export function frameText(frame: FrameRecordJson): string {
  return Buffer.from(frame.inflatedPayload ?? frame.payload, 'base64').toString('utf8');
}
