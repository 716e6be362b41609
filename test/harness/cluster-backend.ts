import { fileURLToPath } from 'node:url';
import { startProcessPeer } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';

/** How one cluster node behaves (see cluster/cluster-backend-process.ts). */
export interface ClusterBackendOptions {
  readonly name: string;
  readonly redisPort: number;
  /** Drop every Nth broadcast this node relays. */
  readonly dropEvery?: number;
  /** Hold every Nth broadcast back until the next one has gone. */
  readonly holdEvery?: number;
}

const entry = fileURLToPath(new URL('./cluster/cluster-backend-process.ts', import.meta.url));

/** Starts one node of a clustered `ws` service that broadcasts through Redis, in its own process. */
export async function startClusterBackend(options: ClusterBackendOptions): Promise<RunningPeer> {
  const peer = await startProcessPeer({
    name: `cluster backend ${options.name}`,
    command: process.execPath,
    args: ['--import', 'tsx', entry, JSON.stringify(options)],
    ready: { line: /READY port=(\d+)/ },
    startTimeoutMs: 20_000,
  });
  const port = Number(peer.readyMatch?.[1]);
  return { host: '127.0.0.1', port, url: `ws://127.0.0.1:${port}/`, stop: peer.stop, logs: peer.logs };
}
