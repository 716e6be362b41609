import type { EventRecordJson, FrameRecordJson, HandshakeRecordJson, RecordJson } from '../../../shared/contract/records.js';
import type { CaptureLog } from '../capture/capture-log.js';

/** Every record of a capture, in order. Doctor captures are short, so reading them whole is cheap. */
export function allRecords(capture: CaptureLog): RecordJson[] {
  const records: RecordJson[] = [];
  for (let seq = 0; seq < capture.count; seq++) records.push(capture.getRecordJson(seq));
  return records;
}

/** The first event with this name, if any. */
export function findEvent(records: readonly RecordJson[], name: EventRecordJson['name']): EventRecordJson | undefined {
  return records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === name);
}

/** The handshake record, if one was written. */
export function findHandshake(records: readonly RecordJson[]): HandshakeRecordJson | undefined {
  return records.find((record): record is HandshakeRecordJson => record.kind === 'handshake');
}

/**
 * How long the upgrade itself took: from the handshake request sent to the response, or to the
 * last record when none came. Counting from the dial's start would charge the handshake with the
 * DNS, TCP, TLS and proxy rows' time (a proxy that held CONNECT 4 s showed a 4 s handshake). Null
 * when no request was sent.
 */
export function upgradeDurationMs(records: readonly RecordJson[]): number | null {
  const sent = findEvent(records, 'handshake-sent');
  const answer = findHandshake(records) ?? records.at(-1);
  if (sent === undefined || answer === undefined) return null;
  return Math.max(0, (answer.atMicros - sent.atMicros) / 1000);
}

/** Frames in one direction. */
export function framesIn(records: readonly RecordJson[], direction: 'in' | 'out'): FrameRecordJson[] {
  return records.filter((record): record is FrameRecordJson => record.kind === 'frame' && record.direction === direction);
}

/**
 * Resolves with the first record appended from now on that matches, or null after `timeoutMs`
 * or when `ended` settles first.
 */
export function waitForRecord(capture: CaptureLog, matches: (record: RecordJson) => boolean, timeoutMs: number, ended: Promise<unknown>): Promise<RecordJson | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (record: RecordJson | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      resolve(record);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    const unsubscribe = capture.onDidAppend((seq) => {
      const record = capture.getRecordJson(seq);
      if (matches(record)) finish(record);
    });
    void ended.then(() => finish(null));
  });
}

/** Milliseconds, rounded to a tenth, from microseconds. */
export function millis(micros: number): number {
  return Math.round(micros / 100) / 10;
}
