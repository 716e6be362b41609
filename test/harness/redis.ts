import { writeFileSync } from 'node:fs';
import { freePort } from './free-port.js';
import { peerPath } from './peer-availability.js';
import { startProcessPeerIn } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';
import { createTempDir } from './temp-dir.js';

/**
 * Debian's redis-server on a free loopback port, its config and working folder in a temp dir, no
 * persistence (`save ""`, `appendonly no`): the message broker a clustered WebSocket service
 * broadcasts through (pub/sub).
 */
export async function startRedis(): Promise<RunningPeer> {
  const dir = createTempDir('redis');
  const port = await freePort();
  writeFileSync(
    dir.file('redis.conf'),
    [`bind 127.0.0.1`, `port ${port}`, `dir ${dir.path}`, `save ""`, `appendonly no`, `daemonize no`, `protected-mode yes`, `logfile ""`, `databases 1`].join('\n') + '\n',
  );
  const peer = await startProcessPeerIn(dir, {
    name: 'redis-server',
    command: peerPath('redis-server'),
    args: [dir.file('redis.conf')],
    ready: { port },
  });
  return { host: '127.0.0.1', port, logs: peer.logs, stop: peer.stop };
}
