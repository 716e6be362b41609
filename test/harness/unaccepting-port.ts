import { fileURLToPath } from 'node:url';
import { peerPath } from './peer-availability.js';
import { startProcessPeer } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';

const script = fileURLToPath(new URL('./python/unaccepting_port.py', import.meta.url));

/**
 * A loopback port where a connect hangs (neither accepted nor refused: `python/unaccepting_port.py`
 * keeps its accept queue full). Not a peer of its own: a target that makes a real SOCKS proxy
 * hold its reply while its own connection to the target waits.
 */
export async function startUnacceptingPort(options: { readonly startTimeoutMs?: number } = {}): Promise<RunningPeer> {
  const peer = await startProcessPeer({
    name: 'unaccepting port',
    command: peerPath('python3'),
    args: ['-u', script],
    ready: { line: /READY port=(\d+)/ },
    startTimeoutMs: options.startTimeoutMs ?? 10_000,
  });
  const port = Number(peer.readyMatch?.[1]);
  return { host: '127.0.0.1', port, stop: peer.stop, logs: peer.logs };
}
