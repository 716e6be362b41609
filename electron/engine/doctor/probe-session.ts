import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { Session } from '../session/session.js';

/** Opens one session for a probe; resolves once it is open or has ended. */
export async function openProbeSession(probe: string, options: SessionOptions): Promise<Session> {
  const session = new Session(`doctor-${probe}`, options);
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

/** Resolves after `ms`, without keeping the process alive. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Milliseconds since `startedAt` (a performance.now() value), to a tenth. */
export function elapsedMs(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}
