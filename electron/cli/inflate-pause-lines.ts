import type { Writable } from 'node:stream';
import type { InflatePauseFigures } from '../../shared/connection/inflate-pause-tally.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';

/** `frameline connect` says how the inflate budget's pauses stand at most this often while the session is open. */
export const INFLATE_PAUSE_LINE_INTERVAL_MS = 2_000;

/** What the lines are read from: a client session. */
export interface PausingSession {
  readonly state: string;
  readonly inflatePauses: InflatePauseFigures | null;
}

/**
 * Writes the inflate budget's pauses so far to `out` while `session` is open (issue 19): a line
 * when the figures moved since the last one (more pauses, or a running one longer), at most one
 * per interval, so a peer that makes reading wait thousands of times costs a line every two
 * seconds at most, like the fan-out progress lines. Goes to stderr: stdout keeps the records
 * (`--json` stays one record a line), and the capture's `pauses` warning before the close keeps
 * the last word. Returns the stop.
 */
export function printInflatePauses(session: PausingSession, out: Writable, t: Translate, intervalMs = INFLATE_PAUSE_LINE_INTERVAL_MS): () => void {
  let printed = '';
  const timer = setInterval(() => {
    const pauses = session.inflatePauses;
    if (session.state === 'closed' || pauses === null) return;
    const line = t('capture:inflatePauses.soFar', { count: pauses.count, totalMs: pauses.totalMs, longestMs: pauses.longestMs, limit: pauses.limit });
    if (line === printed) return;
    printed = line;
    out.write(`${line}\n`);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
