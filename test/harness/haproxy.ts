import { writeFileSync } from 'node:fs';
import { freePort } from './free-port.js';
import { peerPath } from './peer-availability.js';
import { startProcessPeerIn } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';
import { createTempDir } from './temp-dir.js';

/** Options for `startHaproxy`. */
export interface HaproxyOptions {
  readonly upstreamPort: number;
  /** `timeout tunnel`: how long an upgraded connection may stay silent. Default 60 s. */
  readonly tunnelTimeoutMs?: number;
  /** `timeout client` / `timeout server` (also the idle limit before the upgrade). Default 30 s. */
  readonly clientTimeoutMs?: number;
  readonly serverTimeoutMs?: number;
  readonly startTimeoutMs?: number;
  /** Lines added to the backend section as written (to apply a Doctor fix); they override the defaults. */
  readonly backendLines?: string;
}

/** A running haproxy (HTTP mode) in front of one upstream; its request log goes to stderr. */
export interface HaproxyPeer extends RunningPeer {
  readonly url: string;
}

/** Starts haproxy in the foreground (-db) with a generated config in a temp dir. */
export async function startHaproxy(options: HaproxyOptions): Promise<HaproxyPeer> {
  const haproxy = peerPath('haproxy');
  const dir = createTempDir('haproxy');
  const port = await freePort();
  writeFileSync(dir.file('haproxy.cfg'), haproxyConfig(port, options));
  const peer = await startProcessPeerIn(dir, {
    name: 'haproxy',
    command: haproxy,
    args: ['-f', dir.file('haproxy.cfg'), '-db'],
    cwd: dir.path,
    ready: { port },
    startTimeoutMs: options.startTimeoutMs ?? 10_000,
  });
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/`,
    logs: peer.logs,
    stop: () => peer.stop(),
  };
}

function haproxyConfig(port: number, options: HaproxyOptions): string {
  return `global
  log stderr format raw local0 info
defaults
  mode http
  log global
  option httplog
  timeout connect 5s
  timeout client ${options.clientTimeoutMs ?? 30_000}ms
  timeout server ${options.serverTimeoutMs ?? 30_000}ms
  timeout tunnel ${options.tunnelTimeoutMs ?? 60_000}ms
frontend websocket_in
  bind 127.0.0.1:${port}
  default_backend websocket_upstream
backend websocket_upstream
  server upstream 127.0.0.1:${options.upstreamPort}
${options.backendLines ?? ''}
`;
}
