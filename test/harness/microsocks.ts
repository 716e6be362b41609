import { freePort } from './free-port.js';
import { peerPath } from './peer-availability.js';
import { startProcessPeer } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';

/** Options for `startMicrosocks`; with `auth`, clients must use SOCKS5 username/password (RFC 1929). */
export interface MicrosocksOptions {
  readonly auth?: { readonly username: string; readonly password: string };
  readonly startTimeoutMs?: number;
}

/** Starts microsocks, a SOCKS5 proxy, on a free loopback port. */
export async function startMicrosocks(options: MicrosocksOptions = {}): Promise<RunningPeer> {
  const microsocks = peerPath('microsocks');
  const port = await freePort();
  const auth = options.auth ? ['-u', options.auth.username, '-P', options.auth.password] : [];
  const peer = await startProcessPeer({
    name: 'microsocks',
    command: microsocks,
    args: ['-i', '127.0.0.1', '-p', String(port), ...auth],
    ready: { port },
    startTimeoutMs: options.startTimeoutMs ?? 10_000,
  });
  return { host: '127.0.0.1', port, url: `socks5://127.0.0.1:${port}`, logs: peer.logs, stop: peer.stop };
}
