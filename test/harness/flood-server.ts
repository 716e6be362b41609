import { fileURLToPath } from 'node:url';
import { startProcessPeer } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';

/** What the hostile server does after the upgrade (see hostile/flood-server-process.ts). */
export type FloodMode = { readonly kind: 'flood'; readonly fragments: number } | { readonly kind: 'huge-header' };

const script = fileURLToPath(new URL('./hostile/flood-server-process.ts', import.meta.url));

/**
 * A WebSocket server that floods or lies about a frame length, in its own process, so its writes
 * are not slowed by the test's event loop and its bytes pile up in the kernel the way a real
 * hostile peer's do. Runs on this
 * Node with tsx, so it needs no peer from outside.
 */
export async function startFloodServer(mode: FloodMode): Promise<RunningPeer & { readonly url: string }> {
  const args = mode.kind === 'flood' ? ['flood', String(mode.fragments)] : ['huge-header'];
  const peer = await startProcessPeer({
    name: 'flood-server',
    command: process.execPath,
    args: ['--import', 'tsx', script, ...args],
    ready: { line: /READY port=(\d+)/ },
    startTimeoutMs: 20_000,
  });
  const port = Number(peer.readyMatch?.[1]);
  return { host: '127.0.0.1', port, url: `ws://127.0.0.1:${port}/`, stop: peer.stop, logs: peer.logs };
}
