import { writeFileSync } from 'node:fs';
import { freePort } from './free-port.js';
import { peerPath } from './peer-availability.js';
import { startProcessPeerIn } from './process-peer.js';
import { readIfExists } from './read-if-exists.js';
import { runCommand } from './run-command.js';
import type { RunningPeer } from './running-peer.js';
import { createTempDir } from './temp-dir.js';
import { waitForPort } from './wait-for-port.js';

/** Options for `startSquid`; with `auth`, CONNECT needs Proxy-Authorization: Basic. */
export interface SquidOptions {
  readonly auth?: { readonly username: string; readonly password: string };
  /** squid's stock rule: CONNECT only to SSL_ports (443), so CONNECT to any other port is refused with 403 ERR_ACCESS_DENIED. */
  readonly isSslPortsOnly?: boolean;
  /**
   * A proxy slow to answer CONNECT: an external ACL helper that takes this long over each request
   * before allowing it, so squid holds its answer with the client's TCP connection already up.
   */
  readonly holdConnectSeconds?: number;
  readonly startTimeoutMs?: number;
}

/** A running squid; `accessLog()` shows each CONNECT with its result code. */
export interface SquidPeer extends RunningPeer {
  readonly url: string;
  accessLog(): string;
}

/**
 * Starts squid as an HTTP CONNECT proxy on loopback (-N: foreground, no kid processes), with its
 * own config, pid file and logs in a temp dir and no cache. CONNECT may reach any port on
 * 127.0.0.1 (squid's stock config allows only 443) and nothing else.
 */
export async function startSquid(options: SquidOptions = {}): Promise<SquidPeer> {
  const squid = peerPath('squid');
  // World-writable: started as root, squid switches to its own user before writing logs here.
  const dir = createTempDir('squid', { worldWritable: true });
  const port = await freePort();
  let authLines = '';
  if (options.auth) {
    const helper = peerPath('squid-basic-auth');
    const hash = (await runCommand(peerPath('openssl'), ['passwd', '-apr1', options.auth.password])).trim();
    writeFileSync(dir.file('passwords'), `${options.auth.username}:${hash}\n`, { mode: 0o644 });
    authLines = `auth_param basic program ${helper} ${dir.file('passwords')}
auth_param basic realm frameline-test
auth_param basic children 1
acl authenticated proxy_auth REQUIRED
http_access deny !authenticated
`;
  }
  const portLines = options.isSslPortsOnly ? 'acl SSL_ports port 443\nacl CONNECT method CONNECT\nhttp_access deny CONNECT !SSL_ports\n' : '';
  let holdLines = '';
  if (options.holdConnectSeconds !== undefined) {
    // One line in, one verdict out (squid's external ACL helper protocol); ttl=0 so every request is held, not only the first.
    writeFileSync(dir.file('hold-helper'), `#!/bin/sh\nwhile read -r line; do sleep ${options.holdConnectSeconds}; echo OK; done\n`, { mode: 0o755 });
    holdLines = `external_acl_type hold ttl=0 negative_ttl=0 children-max=4 %SRC ${dir.file('hold-helper')}\nacl held external hold\nhttp_access deny !held\n`;
  }
  writeFileSync(dir.file('squid.conf'), squidConfig(dir.path, port, `${portLines}${holdLines}${authLines}`), { mode: 0o644 });
  const peer = await startProcessPeerIn(dir, {
    name: 'squid',
    command: squid,
    args: ['-N', '-d', '1', '-f', dir.file('squid.conf')],
    cwd: dir.path,
    ready: { line: /Accepting HTTP Socket connections/ },
    startTimeoutMs: options.startTimeoutMs ?? 20_000,
  });
  // Squid logs "Accepting" a moment before its socket takes connections; wait for the port too.
  await waitForPort(port, options.startTimeoutMs ?? 20_000).catch(async (error: unknown) => {
    await peer.stop();
    throw new Error(`squid logged readiness but its port did not open: ${String(error)}\n${peer.logs()}`);
  });
  const accessLog = (): string => readIfExists(dir.file('access.log'));
  return {
    host: '127.0.0.1',
    port,
    url: `http://127.0.0.1:${port}`,
    accessLog,
    logs: () => `${peer.logs()}\n--- access.log ---\n${accessLog()}`,
    stop: () => peer.stop(),
  };
}

function squidConfig(dir: string, port: number, accessLines: string): string {
  return `http_port 127.0.0.1:${port}
visible_hostname frameline-test
pid_filename ${dir}/squid.pid
cache_log ${dir}/cache.log
access_log stdio:${dir}/access.log
coredump_dir ${dir}
cache deny all
cache_mem 8 MB
pinger_enable off
netdb_filename none
shutdown_lifetime 0 seconds
acl loopback_source src 127.0.0.1/32
acl loopback_destination dst 127.0.0.1/32
http_access deny !loopback_source
http_access deny !loopback_destination
${accessLines}http_access allow all
`;
}
