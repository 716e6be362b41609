import { afterEach } from 'vitest';
import type { RelayInterceptionInput } from '../../shared/contract/relay-interception.js';
import { relayInterceptionSchema } from '../../shared/contract/relay-interception.js';
import { relayConnectionSchema, type RelayConnectionOptions } from '../../shared/contract/api-relay.js';
import type { RelayMode } from '../../shared/relay/relay-core.js';
import { RelayServer, type RelayAddress, type RelayServerOptions } from '../../electron/engine/relay/relay-server.js';
import type { RelaySession } from '../../electron/engine/relay/relay-session.js';
import { createTempDir, type TempDir } from './temp-dir.js';

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

/** What a test may set on its relay: the contract's inputs, parsed as the API would, and any server option. */
export type RelayFixtureOptions = { mode?: RelayMode; interception?: RelayInterceptionInput; connection?: Partial<RelayConnectionOptions> } & Partial<
  Omit<RelayServerOptions, 'interception' | 'mode' | 'upstreamUrl'>
>;

/** Starts a relay to `upstreamUrl` (or a proxy-only relay with null), frame-exact unless told. */
export async function startRelay(upstreamUrl: string | null, options: RelayFixtureOptions = {}): Promise<RelayFixture> {
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

/** Anything a relay test starts and must stop: a peer, a relay, or a temp folder to remove. */
export interface Stoppable {
  stop(): Promise<void> | void;
}

/** A relay test's lifecycle: what each test starts is stopped after it, even when it fails. */
export interface RelayTestBed {
  /** Starts a relay (see `startRelay`) that is stopped after the current test. */
  startRelay(upstreamUrl: string | null, options?: RelayFixtureOptions): Promise<RelayFixture>;
  /** Stops `started` (a peer, or anything with `stop`) after the current test; resolves with it. */
  track<T extends Stoppable>(started: T | Promise<T>): Promise<T>;
}

/**
 * Registers the `afterEach` every relay test file shares. Things stop in the reverse order they
 * were started, so the relay goes before the servers it talks to (its sessions end while their
 * upstream is still there); every one is stopped even when an earlier one fails.
 */
export function useRelayTestBed(): RelayTestBed {
  const started: Stoppable[] = [];
  afterEach(async () => {
    const failures: unknown[] = [];
    for (const item of started.splice(0).reverse()) {
      try {
        await item.stop();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'stopping what a relay test started');
  });
  const track = async <T extends Stoppable>(item: T | Promise<T>): Promise<T> => {
    const resolved = await item;
    started.push(resolved);
    return resolved;
  };
  return { startRelay: (upstreamUrl, options) => track(startRelay(upstreamUrl, options)), track };
}
