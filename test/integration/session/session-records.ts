import type { EventRecordJson, FrameRecordJson, HandshakeRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { sessionOptionsSchema, type SessionOptionsInput } from '../../../shared/contract/session-options.js';
import { Session } from '../../../electron/engine/session/session.js';

/** How long a test waits for one record before failing with what the capture holds so far. */
const defaultWaitMs = 10_000;

let nextId = 1;

/** A session for `input` (defaults filled by the schema), started: open, or already ended. */
export async function startSession(input: SessionOptionsInput): Promise<Session> {
  const session = new Session(`integration-${nextId++}`, sessionOptionsSchema.parse(input));
  await session.start();
  return session;
}

/** Every record of the capture, in order, in the `--json` record shape. */
export function allRecords(session: Session): RecordJson[] {
  const records: RecordJson[] = [];
  for (let seq = 0; seq < session.capture.count; seq++) records.push(session.capture.getRecordJson(seq));
  return records;
}

/** Frame records, optionally of one direction. */
export function frameRecords(session: Session, direction?: 'in' | 'out'): FrameRecordJson[] {
  return allRecords(session).filter((r): r is FrameRecordJson => r.kind === 'frame' && (direction === undefined || r.direction === direction));
}

/** Event records with the given name. */
export function eventRecords(session: Session, name: string): EventRecordJson[] {
  return allRecords(session).filter((r): r is EventRecordJson => r.kind === 'event' && r.name === name);
}

/** The one handshake record; fails when there is none. */
export function handshakeRecord(session: Session): HandshakeRecordJson {
  const found = allRecords(session).find((r): r is HandshakeRecordJson => r.kind === 'handshake');
  if (!found) throw new Error(`no handshake record:\n${describeRecords(session)}`);
  return found;
}

/** The last record, which for an ended session is its `closed` event. */
export function lastRecord(session: Session): RecordJson {
  return session.capture.getRecordJson(session.capture.count - 1);
}

/** Resolves with the first record (already there or appended later) that matches. */
export function waitForRecord<T extends RecordJson>(
  session: Session,
  matches: (record: RecordJson) => record is T,
  timeoutMs?: number,
): Promise<T>;
export function waitForRecord(session: Session, matches: (record: RecordJson) => boolean, timeoutMs?: number): Promise<RecordJson>;
export function waitForRecord(session: Session, matches: (record: RecordJson) => boolean, timeoutMs = defaultWaitMs): Promise<RecordJson> {
  const existing = allRecords(session).find(matches);
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching record within ${timeoutMs} ms; the capture holds:\n${describeRecords(session)}`));
    }, timeoutMs);
    const unsubscribe = session.capture.onDidAppend((seq) => {
      const record = session.capture.getRecordJson(seq);
      if (!matches(record)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(record);
    });
  });
}

/** Waits for `count` frames in one direction (already there or still to come). */
export async function waitForFrames(session: Session, direction: 'in' | 'out', count: number, timeoutMs = defaultWaitMs): Promise<FrameRecordJson[]> {
  let seen = 0;
  await waitForRecord(session, (r) => r.kind === 'frame' && r.direction === direction && ++seen >= count, timeoutMs);
  return frameRecords(session, direction);
}

/** Resolves with the `closed` details, or fails after `timeoutMs` with the records so far. */
export async function waitForEnd(session: Session, timeoutMs = defaultWaitMs): Promise<Awaited<Session['ended']>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`session did not end within ${timeoutMs} ms:\n${describeRecords(session)}`)), timeoutMs);
  });
  try {
    return await Promise.race([session.ended, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Ends a session that a failed test left open. */
export function dispose(session: Session | undefined): void {
  if (session && session.state !== 'closed') session.close();
  if (session && session.state !== 'closed') session.close();
}

/** The bytes of a base64 field. */
export function bytes(base64: string | undefined): Buffer {
  return Buffer.from(base64 ?? '', 'base64');
}

/** The text of a base64 field. */
export function text(base64: string | undefined): string {
  return bytes(base64).toString('utf8');
}

/** One line per record, for failure messages. */
export function describeRecords(session: Session): string {
  return allRecords(session)
    .map((r) => {
      if (r.kind === 'frame') return `#${r.seq} frame ${r.direction} op=${r.opcode} fin=${r.fin} len=${r.payloadLength} ${text(r.payload).slice(0, 60)}`;
      if (r.kind === 'event') return `#${r.seq} event ${JSON.stringify(r)}`;
      return `#${r.seq} handshake ${r.response?.statusCode ?? 'no response'}`;
    })
    .join('\n');
}
