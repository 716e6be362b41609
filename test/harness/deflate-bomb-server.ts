import { fileURLToPath } from 'node:url';
import { startProcessPeer } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';

/** A running deflate-bomb server. */
export interface DeflateBombServerPeer extends RunningPeer {
  readonly url: string;
}

const entry = fileURLToPath(new URL('./deflate-bomb-server-process.ts', import.meta.url));

/**
 * The `ws` library's server in its own process, sending every client `count` permessage-deflate
 * messages that each inflate to `bytes` zero bytes, then closing: the hostile peer of issue 19's
 * "inflation never blocks the engine's loop for long".
 */
export async function startDeflateBombServer(count: number, bytes: number): Promise<DeflateBombServerPeer> {
  const peer = await startProcessPeer({
    name: 'deflate bomb server',
    command: process.execPath,
    args: ['--import', 'tsx', entry, String(count), String(bytes)],
    ready: { line: /READY port=(\d+)/ },
    startTimeoutMs: 20_000,
  });
  const port = Number(peer.readyMatch?.[1]);
  return { host: '127.0.0.1', port, url: `ws://127.0.0.1:${port}/`, stop: peer.stop, logs: peer.logs };
}
