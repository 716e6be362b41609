import { fileURLToPath } from 'node:url';
import { peerPath } from './peer-availability.js';
import { startProcessPeer } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';

/** A running python3-websockets log-in/subscribe/push server (python/pubsub_server.py). */
export interface PythonPubsubPeer extends RunningPeer {
  readonly url: string;
  readonly pid: number;
  /** Every message the server sent, by connection number, parsed from its SENT lines. */
  sent(): Map<number, unknown[]>;
  /** The request headers of each connection, in order and case. */
  headers(): Map<number, [string, string][]>;
}

const script = fileURLToPath(new URL('./python/pubsub_server.py', import.meta.url));

/** Starts the server on `port` (0: any free one), so a test can kill it and start it again on the same port. */
export async function startPythonPubsub(options: { readonly port?: number; readonly password?: string } = {}): Promise<PythonPubsubPeer> {
  const peer = await startProcessPeer({
    name: 'python-websockets pubsub',
    command: peerPath('python-websockets'),
    args: ['-u', script, '--port', String(options.port ?? 0), ...(options.password ? ['--password', options.password] : [])],
    ready: { line: /READY port=(\d+)/ },
    startTimeoutMs: 15_000,
    stopTimeoutMs: 2_000,
  });
  const port = Number(peer.readyMatch?.[1]);
  const lines = (prefix: string): [number, string][] =>
    peer
      .logs()
      .split('\n')
      .flatMap((line) => {
        const match = new RegExp(`^${prefix} conn=(\\d+) (.*)$`).exec(line);
        return match ? [[Number(match[1]), match[2]!] as [number, string]] : [];
      });
  return {
    host: '127.0.0.1',
    port,
    pid: peer.pid,
    url: `ws://127.0.0.1:${port}/`,
    sent: () => {
      const byConnection = new Map<number, unknown[]>();
      for (const [connection, text] of lines('SENT')) byConnection.set(connection, [...(byConnection.get(connection) ?? []), JSON.parse(text) as unknown]);
      return byConnection;
    },
    headers: () => new Map(lines('HEADERS').map(([connection, text]) => [connection, JSON.parse(text) as [string, string][]])),
    stop: peer.stop,
    logs: peer.logs,
  };
}
