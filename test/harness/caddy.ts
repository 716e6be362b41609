import { writeFileSync } from 'node:fs';
import { freePort } from './free-port.js';
import { peerPath } from './peer-availability.js';
import { startProcessPeerIn } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';
import { createTempDir } from './temp-dir.js';

/**
 * How Caddy serves the WebSocket path `/ws/` (the path the Doctor's Caddy fixes name):
 * - 'correct': `reverse_proxy` to the upstream, which forwards upgrades by itself;
 * - 'no-upgrade-headers': `reverse_proxy` with `header_up` lines deleting Upgrade and Connection, so
 *   the backend sees a plain GET and answers 426 or 400;
 * - 'static-site': a site that answers every path itself with 200 and proxies nothing (the
 *   upgrade is ignored);
 * - 'custom': the caller's site block body, as written (to apply a Doctor fix).
 */
export type CaddyMode = 'correct' | 'no-upgrade-headers' | 'static-site' | 'custom';

/** Options for `startCaddy`. */
export interface CaddyOptions {
  readonly upstreamPort: number;
  readonly mode: CaddyMode;
  /** For mode 'custom': the site block's body (directives, one per line). */
  readonly siteBody?: string;
  readonly startTimeoutMs?: number;
}

/** A running Caddy; `url` is its WebSocket path, `/ws/`. */
export interface CaddyPeer extends RunningPeer {
  readonly url: string;
}

/** The site block body of a built-in mode, as a user's Caddyfile would have it (for tests that edit it as a fix says). */
export function caddySiteBody(mode: Exclude<CaddyMode, 'custom'>, upstreamPort: number): string {
  const upstream = `127.0.0.1:${upstreamPort}`;
  switch (mode) {
    case 'correct':
      return `reverse_proxy ${upstream}`;
    case 'no-upgrade-headers':
      return `reverse_proxy ${upstream} {\n\theader_up -Upgrade\n\theader_up -Connection\n}`;
    case 'static-site':
      return 'respond "Frameline test site" 200';
  }
}

/**
 * Starts Caddy in the foreground (`caddy run`) with a Caddyfile in a temp dir: plain HTTP on a
 * free loopback port (bound to 127.0.0.1 only), the admin endpoint and automatic HTTPS off, and HOME and the XDG folders in
 * the temp dir, so nothing (storage, autosaved config) lands outside it.
 */
export async function startCaddy(options: CaddyOptions): Promise<CaddyPeer> {
  const caddy = peerPath('caddy');
  const dir = createTempDir('caddy');
  const port = await freePort();
  const siteBody = options.mode === 'custom' ? options.siteBody ?? '' : caddySiteBody(options.mode, options.upstreamPort);
  writeFileSync(dir.file('Caddyfile'), caddyfile(port, siteBody));
  const peer = await startProcessPeerIn(dir, {
    name: 'caddy',
    command: caddy,
    args: ['run', '--config', dir.file('Caddyfile'), '--adapter', 'caddyfile'],
    cwd: dir.path,
    env: { PATH: process.env['PATH'] ?? '', HOME: dir.path, XDG_DATA_HOME: dir.file('data'), XDG_CONFIG_HOME: dir.file('config') },
    ready: { port },
    startTimeoutMs: options.startTimeoutMs ?? 10_000,
  });
  return { host: '127.0.0.1', port, url: `ws://127.0.0.1:${port}/ws/`, logs: peer.logs, stop: () => peer.stop() };
}

function caddyfile(port: number, siteBody: string): string {
  const indented = siteBody.split('\n').map((line) => `\t${line}`).join('\n');
  return `{
\tadmin off
\tauto_https off
}
http://127.0.0.1:${port} {
	bind 127.0.0.1
${indented}
}
`;
}
