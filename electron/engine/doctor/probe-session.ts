import type { ProbeId } from '../../../shared/contract/doctor-report.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { Session, type SessionHooks } from '../session/session.js';

/**
 * What a caller of the Doctor may observe and control about its sessions: a window shows each
 * probe's capture while it runs (so evidence opens in the timeline) and can cancel the run.
 */
export interface ProbeHooks {
  /** Aborting drops every probe session at once; the run ends with the remaining probes skipped. */
  readonly signal?: AbortSignal;
  /** Called with each probe session as soon as it exists, before it dials. */
  readonly onSession?: (probe: ProbeId, session: Session) => void;
}

/**
 * Opens one session for a probe; resolves once it is open or has ended (or was cancelled).
 * `sessionHooks` reach the session's messages (the liveness probe's protocol layer reads them).
 */
export async function openProbeSession(probe: ProbeId, options: SessionOptions, hooks: ProbeHooks = {}, sessionHooks: SessionHooks = {}): Promise<Session> {
  const session = new Session(`doctor-${probe}`, options, {}, sessionHooks);
  hooks.onSession?.(probe, session);
  const signal = hooks.signal;
  if (signal) {
    // close() twice: the first sends a close frame on an open session, the second drops the socket without waiting.
    const drop = (): void => {
      session.close(1000, 'frameline doctor cancelled');
      session.close();
    };
    signal.addEventListener('abort', drop, { once: true });
    void session.ended.then(() => signal.removeEventListener('abort', drop));
    if (signal.aborted) drop();
  }
  await session.start();
  return session;
}

/** Closes with 1000 and waits (bounded) for the closing handshake; drops the connection if it does not finish. */
export async function closeProbeSession(session: Session, timeoutMs = 3_000): Promise<void> {
  if (session.state === 'closed') return;
  session.close(1000, 'frameline doctor done');
  const timedOut = await Promise.race([session.ended.then(() => false), delay(timeoutMs).then(() => true)]);
  if (timedOut) {
    session.close();
    await session.ended;
  }
}

/** Resolves after `ms` or when `signal` aborts, without keeping the process alive. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms).unref();
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Milliseconds since `startedAt` (a performance.now() value), to a tenth. */
export function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}
