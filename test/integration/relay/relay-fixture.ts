import type { RelayInterceptionInput } from '../../../shared/contract/relay-interception.js';
import { relayInterceptionSchema } from '../../../shared/contract/relay-interception.js';
import { relayConnectionSchema, type RelayConnectionOptions } from '../../../shared/contract/api-relay.js';
import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import type { RelayMode } from '../../../shared/relay/relay-core.js';
import { RelayServer, type RelayAddress, type RelayServerOptions } from '../../../electron/engine/relay/relay-server.js';
import type { RelaySession } from '../../../electron/engine/relay/relay-session.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';

/** A relay on loopback for one test, with the sessions it accepted. */
export interface RelayFixture {
  readonly server: RelayServer;
  readonly address: RelayAddress;
  readonly sessions: RelaySession[];
  readonly temp: TempDir;
  /** The next accepted session, waiting up to `timeoutMs`. */
  nextSession(timeoutMs?: number): Promise<RelaySession>;
  stop(): Promise<void>;
}

/** Starts a relay to `upstreamUrl` (or a proxy-only relay with null). */
export async function startRelay(
  upstreamUrl: string | null,
  options: { mode?: RelayMode; interception?: RelayInterceptionInput; connection?: Partial<RelayConnectionOptions> } & Partial<Omit<RelayServerOptions, 'interception' | 'mode' | 'upstreamUrl'>> = {},
): Promise<RelayFixture> {
  const temp = createTempDir('relay-test');
  const { mode, interception, connection, storage, ...rest } = options;
  const server = new RelayServer({
    port: 0,
    upstreamUrl,
    mode: mode ?? 'frame-exact',
    upstream: relayConnectionSchema.parse(connection ?? {}),
    interception: relayInterceptionSchema.parse(interception ?? {}),
    caDirectory: temp.file('ca'),
    ...rest,
    storage: { spillDirectory: temp.path, ...storage },
  });
  const sessions: RelaySession[] = [];
  const waiters: ((session: RelaySession) => void)[] = [];
  let taken = 0;
  server.onDidAccept((session) => {
    sessions.push(session);
    waiters.shift()?.(session);
  });
  const address = await server.start();
  return {
    server,
    address,
    sessions,
    temp,
    nextSession: (timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const index = taken++;
        if (sessions[index]) return resolve(sessions[index]);
        const timer = setTimeout(() => reject(new Error(`no relay session ${index + 1} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((session) => {
          clearTimeout(timer);
          resolve(session);
        });
      }),
    stop: async () => {
      await server.stop();
      for (const session of sessions) session.capture.dispose();
      temp.remove();
    },
  };
}

/** Every record of a session's capture. */
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

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
