import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RunningPeer } from './running-peer.js';
import { startWsServer, type WsServerPeer } from './ws-server.js';

/** The file's `ws` echo server, and a list of the proxies each test puts in front of it. */
export interface UpstreamWithProxies {
  /** The echo server (started before the file's first test). */
  readonly upstream: WsServerPeer;
  /** Stops `proxy` after the current test; returns it. */
  track<T extends RunningPeer>(proxy: T): T;
}

/**
 * Registers the lifecycle most reverse-proxy test files share: one `ws` echo upstream for the
 * file, and proxies started per test that are always stopped after it, even when it fails.
 */
export function useUpstreamWithProxies(): UpstreamWithProxies {
  let upstream: WsServerPeer | undefined;
  const proxies: RunningPeer[] = [];
  beforeAll(async () => {
    upstream = await startWsServer();
  });
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
  });
  afterAll(async () => {
    await upstream?.stop();
  });
  return {
    get upstream(): WsServerPeer {
      if (!upstream) throw new Error('the upstream starts in beforeAll; use it inside a test');
      return upstream;
    },
    track(proxy) {
      proxies.push(proxy);
      return proxy;
    },
  };
}
