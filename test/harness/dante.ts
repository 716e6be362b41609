import { writeFileSync } from 'node:fs';
import { freePort } from './free-port.js';
import { peerPath } from './peer-availability.js';
import { startProcessPeerIn } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';
import { createTempDir } from './temp-dir.js';

/**
 * Starts Dante (danted), a SOCKS4 and SOCKS5 server, on a free loopback port: no authentication,
 * CONNECT to anywhere from 127.0.0.1. It speaks SOCKS4 without the 4a extension, so it refuses
 * host names sent the SOCKS4a way: the case `socks4://` exists for.
 */
export async function startDante(options: { readonly startTimeoutMs?: number; readonly blockedPort?: number } = {}): Promise<RunningPeer> {
  const danted = peerPath('danted');
  const dir = createTempDir('dante');
  const port = await freePort();
  writeFileSync(dir.file('danted.conf'), danteConfig(port, options.blockedPort));
  const peer = await startProcessPeerIn(dir, {
    name: 'danted',
    command: danted,
    args: ['-f', dir.file('danted.conf'), '-p', dir.file('danted.pid'), '-N', '1'],
    ready: { port },
    startTimeoutMs: options.startTimeoutMs ?? 10_000,
  });
  return {
    host: '127.0.0.1',
    port,
    url: `socks4://127.0.0.1:${port}`,
    logs: peer.logs,
    stop: () => peer.stop(),
  };
}

/** With `blockedPort`, a `socks block` rule (matched first) refuses CONNECT to that port: SOCKS5 reply 0x02, SOCKS4 91. */
function danteConfig(port: number, blockedPort?: number): string {
  // As root, danted must be told whom to run as; as another user it stays that user.
  const users = process.getuid?.() === 0 ? 'user.privileged: root\nuser.unprivileged: nobody\n' : '';
  return `logoutput: stderr
internal: 127.0.0.1 port = ${port}
external: 127.0.0.1
socksmethod: none
clientmethod: none
${users}client pass {
  from: 127.0.0.1/32 to: 0.0.0.0/0
}
${blockedPort === undefined ? '' : blockRule(blockedPort)}socks pass {
  from: 127.0.0.1/32 to: 0.0.0.0/0
  protocol: tcp
  command: connect
}
`;
}

function blockRule(blockedPort: number): string {
  return `socks block {
  from: 127.0.0.1/32 to: 0.0.0.0/0 port = ${blockedPort}
  log: error
}
`;
}
