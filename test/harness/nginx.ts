import { writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { CertificateFiles } from './certificates.js';
import { freePort } from './free-port.js';
import { peerPath } from './peer-availability.js';
import { startProcessPeerIn } from './process-peer.js';
import { readIfExists } from './read-if-exists.js';
import type { RunningPeer } from './running-peer.js';
import { createTempDir } from './temp-dir.js';

/**
 * How nginx proxies to the upstream, named after the field reports in DESIGN.md:
 * - 'correct': HTTP/1.1 plus Upgrade and Connection forwarded through a map (the documented fix);
 * - 'no-upgrade-headers': HTTP/1.1 but the hop-by-hop headers are dropped, so the backend sees a
 *   plain GET and answers 426 or 400;
 * - 'http1.0': the upgrade headers are set but proxy_http_version stays at its default 1.0;
 * - 'read-timeout': like 'correct' with proxy_read_timeout `readTimeoutSeconds`;
 * - 'held': like 'correct', but a rate limiter (limit_req with a burst, no `nodelay`) lets the
 *   first request through at once and holds each later one about `holdSeconds` before forwarding
 *   it: a proxy slow to answer the upgrade;
 * - 'not-found': the location answers 404 itself;
 * - 'custom': the caller's http-block and location directives (to apply a Doctor fix as written).
 */
export type NginxMode = 'correct' | 'no-upgrade-headers' | 'http1.0' | 'read-timeout' | 'held' | 'not-found' | 'custom';

/** Options for `startNginx`. */
export interface NginxOptions {
  readonly upstreamPort: number;
  readonly mode: NginxMode;
  /** proxy_read_timeout for mode 'read-timeout'. Default 2. */
  readonly readTimeoutSeconds?: number;
  /** For mode 'held': how long each request after the first waits (a divisor of 60). Default 5. */
  readonly holdSeconds?: number;
  /** For mode 'custom': directives for the http block (replacing the built-in map) and for the location (proxy_pass is added). */
  readonly custom?: { readonly http: string; readonly location: string };
  /** Terminate TLS at nginx with this certificate (the URL becomes wss://). */
  readonly tls?: CertificateFiles;
  readonly startTimeoutMs?: number;
  /** worker_shutdown_timeout: after a reload, old workers close upgraded connections after this long. */
  readonly workerShutdownTimeoutSeconds?: number;
}

/** A running nginx; `accessLog()` shows status and request_time per request (499/504 evidence). */
export interface NginxPeer extends RunningPeer {
  readonly url: string;
  accessLog(): string;
  /** `nginx -s reload`: SIGHUP to the master, which starts new workers and retires the old ones. */
  reload(): void;
}

/** Starts nginx in the foreground with its own prefix, config, pid file and logs in a temp dir. */
export async function startNginx(options: NginxOptions): Promise<NginxPeer> {
  const nginx = peerPath('nginx');
  // World-writable: as root, nginx's workers switch to an unprivileged user and write temp files here.
  const dir = createTempDir('nginx', { worldWritable: true });
  const port = await freePort();
  writeFileSync(dir.file('nginx.conf'), nginxConfig(dir.path, port, options));
  const peer = await startProcessPeerIn(dir, {
    name: 'nginx',
    command: nginx,
    args: ['-p', dir.path, '-c', dir.file('nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'],
    ready: { port },
    startTimeoutMs: options.startTimeoutMs ?? 10_000,
  });
  const accessLog = (): string => readIfExists(dir.file('access.log'));
  return {
    host: '127.0.0.1',
    port,
    url: `${options.tls ? 'wss' : 'ws'}://127.0.0.1:${port}/`,
    accessLog,
    logs: () => `${peer.logs()}\n--- access.log ---\n${accessLog()}`,
    reload: () => process.kill(peer.pid, 'SIGHUP'),
    stop: () => peer.stop(),
  };
}

/**
 * Sends one plain GET and waits for nginx's answer (whatever its status), so that a 'held' nginx
 * holds every request sent in the next `holdSeconds`: its rate limiter lets only the first through
 * at once. Call it just before the request that should be held (the hold shrinks as time passes).
 */
export async function spendFirstRequest(peer: NginxPeer): Promise<void> {
  const isSecure = peer.url.startsWith('wss:');
  // The GET only has to reach nginx's rate limiter; its certificate does not matter here.
  const options = { host: peer.host, port: peer.port, path: '/', rejectUnauthorized: false, timeout: 5_000 };
  await new Promise<void>((resolve, reject) => {
    const sent = (isSecure ? httpsGet : httpGet)(options);
    sent.on('response', (response) => {
      response.resume();
      response.on('end', resolve);
    });
    sent.on('timeout', () => sent.destroy(new Error('nginx did not answer the first request within 5 s')));
    sent.on('error', reject);
  });
}

const defaultMap = `  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' close;
  }`;

function nginxConfig(prefix: string, port: number, options: NginxOptions): string {
  const listen = options.tls
    ? `listen 127.0.0.1:${port} ssl;\n    ssl_certificate ${options.tls.cert};\n    ssl_certificate_key ${options.tls.key};`
    : `listen 127.0.0.1:${port};`;
  return `worker_processes 1;
${options.workerShutdownTimeoutSeconds !== undefined ? `worker_shutdown_timeout ${options.workerShutdownTimeoutSeconds}s;\n` : ''}pid ${prefix}/nginx.pid;
error_log stderr info;
events { worker_connections 256; }
http {
  log_format timing '$remote_addr "$request" $status request_time=$request_time upstream_status=$upstream_status';
  access_log ${prefix}/access.log timing;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
${options.mode === 'custom' ? options.custom?.http ?? '' : defaultMap}
${options.mode === 'held' ? `  limit_req_zone $server_port zone=held:1m rate=${60 / (options.holdSeconds ?? 5)}r/m;` : ''}
  server {
    ${listen}
    location / {
${locationBody(options)}
    }
  }
}
`;
}

function locationBody(options: NginxOptions): string {
  const upstream = `      proxy_pass http://127.0.0.1:${options.upstreamPort};`;
  const upgradeHeaders = '      proxy_set_header Upgrade $http_upgrade;\n      proxy_set_header Connection $connection_upgrade;';
  switch (options.mode) {
    case 'correct':
      return `      proxy_http_version 1.1;\n${upgradeHeaders}\n${upstream}`;
    case 'no-upgrade-headers':
      return `      proxy_http_version 1.1;\n${upstream}`;
    case 'http1.0':
      return `${upgradeHeaders}\n${upstream}`;
    case 'read-timeout':
      return `      proxy_http_version 1.1;\n${upgradeHeaders}\n      proxy_read_timeout ${options.readTimeoutSeconds ?? 2}s;\n${upstream}`;
    case 'held':
      return `      limit_req zone=held burst=10;\n      proxy_http_version 1.1;\n${upgradeHeaders}\n${upstream}`;
    case 'not-found':
      return '      return 404;';
    case 'custom':
      return `${options.custom?.location ?? ''}\n${upstream}`;
  }
}
