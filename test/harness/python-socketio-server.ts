import { fileURLToPath } from 'node:url';
import { peerPath } from './peer-availability.js';
import { startProcessPeer } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';

/** A running python-socketio server (Engine.IO 4) with the `/chat` namespace. */
export interface PythonSocketioPeer extends RunningPeer {
  /** `ws://127.0.0.1:<port>/socket.io/?EIO=4&transport=websocket`. */
  readonly url: string;
  /** The server's `EVENT <what> <namespace> <detail>` lines (connect, disconnect, client-ack). */
  events(): string[];
}

const script = fileURLToPath(new URL('./python/socketio_server.py', import.meta.url));

/** Starts python/socketio_server.py with the given Engine.IO ping settings; WebSocket only unless `isPollingToo` (HTTP long-polling first, as clients default to). */
export async function startPythonSocketio(options: { readonly pingIntervalMs: number; readonly pingTimeoutMs: number; readonly isPollingToo?: boolean }): Promise<PythonSocketioPeer> {
  const peer = await startProcessPeer({
    name: 'python-socketio',
    command: peerPath('python-socketio'),
    args: ['-u', script, '--ping-interval', String(options.pingIntervalMs / 1000), '--ping-timeout', String(options.pingTimeoutMs / 1000), ...(options.isPollingToo ? ['--polling'] : [])],
    ready: { line: /READY port=(\d+)/ },
    startTimeoutMs: 20_000,
  });
  const port = Number(peer.readyMatch?.[1]);
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`,
    events: () => peer.logs().split('\n').filter((line) => line.startsWith('EVENT ')),
    logs: peer.logs,
    stop: peer.stop,
  };
}
