import { mkdirSync, writeFileSync } from 'node:fs';
import { freePort } from './free-port.js';
import { apacheModuleDirectory, peerPath } from './peer-availability.js';
import { startProcessPeerIn } from './process-peer.js';
import { readIfExists } from './read-if-exists.js';
import type { RunningPeer } from './running-peer.js';
import { createTempDir } from './temp-dir.js';

/**
 * How Apache httpd serves the WebSocket path `/ws/` (the path the Doctor's Apache fixes name):
 * - 'correct': `ProxyPass … upgrade=websocket` (httpd 2.4.47 and later, mod_proxy_http alone);
 * - 'no-upgrade': `ProxyPass` without `upgrade=websocket`: mod_proxy_http drops the hop-by-hop
 *   Upgrade and Connection headers, so the backend sees a plain GET and answers 426 or 400;
 * - 'idle-timeout': like 'correct' with `Timeout` at `timeoutSeconds`, which also bounds how long
 *   an upgraded connection may stay silent (httpd's default is 60 s);
 * - 'static-site': a document root with /ws/index.html and no proxy (the upgrade is ignored, 200);
 * - 'custom': the caller's VirtualHost body, as written (to apply a Doctor fix).
 */
export type ApacheMode = 'correct' | 'no-upgrade' | 'idle-timeout' | 'static-site' | 'custom';

/** Options for `startApache`. */
export interface ApacheOptions {
  readonly upstreamPort: number;
  readonly mode: ApacheMode;
  /** `Timeout` for mode 'idle-timeout'. Default 2. */
  readonly timeoutSeconds?: number;
  /** For mode 'custom': the VirtualHost body (directives, one per line). */
  readonly virtualHostBody?: string;
  readonly startTimeoutMs?: number;
}

/** A running Apache httpd; `url` is its WebSocket path, `/ws/`; `accessLog()` shows status per request. */
export interface ApachePeer extends RunningPeer {
  readonly url: string;
  accessLog(): string;
}

/** The VirtualHost body of a built-in mode, as a user's configuration would have it (for tests that edit it as a fix says). */
export function apacheVirtualHostBody(mode: Exclude<ApacheMode, 'custom'>, upstreamPort: number, timeoutSeconds = 2): string {
  const backend = `http://127.0.0.1:${upstreamPort}/ws/`;
  switch (mode) {
    case 'correct':
      return `ProxyPass "/ws/" "${backend}" upgrade=websocket`;
    case 'no-upgrade':
      return `ProxyPass "/ws/" "${backend}"`;
    case 'idle-timeout':
      return `Timeout ${timeoutSeconds}\nProxyPass "/ws/" "${backend}" upgrade=websocket`;
    case 'static-site':
      return 'DirectoryIndex index.html';
  }
}

/**
 * Starts Apache httpd in the foreground as one process (`-X`) with its own ServerRoot, config, pid
 * file, runtime dir and logs in a temp dir, loading only the modules the config needs (an MPM,
 * authz_core, mod_dir, mod_proxy, mod_proxy_http). Run as root it serves as nobody, as httpd refuses
 * to serve as root; otherwise as the current user.
 */
export async function startApache(options: ApacheOptions): Promise<ApachePeer> {
  const httpd = peerPath('apache2');
  const modules = apacheModuleDirectory();
  if (modules === undefined) throw new Error('peer apache2 is unavailable: no module directory with mod_proxy_http.so');
  // World-readable and writable: as root, httpd serves as nobody and must still read the document root.
  const dir = createTempDir('apache', { worldWritable: true });
  const port = await freePort();
  mkdirSync(dir.file('htdocs', 'ws'), { recursive: true, mode: 0o755 });
  writeFileSync(dir.file('htdocs', 'ws', 'index.html'), '<!doctype html><title>Frameline test site</title><p>Frameline test site</p>\n', { mode: 0o644 });
  const body = options.mode === 'custom' ? options.virtualHostBody ?? '' : apacheVirtualHostBody(options.mode, options.upstreamPort, options.timeoutSeconds);
  writeFileSync(dir.file('httpd.conf'), httpdConfig(dir.path, modules, port, body), { mode: 0o644 });
  const peer = await startProcessPeerIn(dir, {
    name: 'apache2',
    command: httpd,
    args: ['-X', '-d', dir.path, '-f', dir.file('httpd.conf')],
    cwd: dir.path,
    ready: { port },
    startTimeoutMs: options.startTimeoutMs ?? 10_000,
  });
  const accessLog = (): string => readIfExists(dir.file('access.log'));
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/ws/`,
    accessLog,
    logs: () => `${peer.logs()}\n--- error.log ---\n${readIfExists(dir.file('error.log'))}\n--- access.log ---\n${accessLog()}`,
    stop: () => peer.stop(),
  };
}

function httpdConfig(root: string, modules: string, port: number, virtualHostBody: string): string {
  const user = process.getuid?.() === 0 ? 'User nobody\nGroup nogroup\n' : '';
  return `ServerRoot "${root}"
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
LoadModule mpm_event_module ${modules}/mod_mpm_event.so
LoadModule authz_core_module ${modules}/mod_authz_core.so
LoadModule dir_module ${modules}/mod_dir.so
LoadModule proxy_module ${modules}/mod_proxy.so
LoadModule proxy_http_module ${modules}/mod_proxy_http.so
${user}PidFile "${root}/httpd.pid"
DefaultRuntimeDir "${root}"
ErrorLog "${root}/error.log"
LogLevel info
LogFormat "%h \\"%r\\" %>s %D" timing
CustomLog "${root}/access.log" timing
DocumentRoot "${root}/htdocs"
<Directory "${root}/htdocs">
  Require all granted
</Directory>
<VirtualHost 127.0.0.1:${port}>
${virtualHostBody}
</VirtualHost>
`;
}
