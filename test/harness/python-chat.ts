import { fileURLToPath } from 'node:url';
import { peerPath } from './peer-availability.js';
import { startProcessPeer } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';

/** A running python3-websockets chat room (python/chat_server.py). */
export interface PythonChatPeer extends RunningPeer {
  readonly url: string;
  /** Every message the room received, in arrival order, as `name: text`. */
  received(): string[];
}

const script = fileURLToPath(new URL('./python/chat_server.py', import.meta.url));

/** Starts the room on a free loopback port; clients name themselves with `?name=`. */
export async function startPythonChat(): Promise<PythonChatPeer> {
  const peer = await startProcessPeer({
    name: 'python-websockets chat',
    command: peerPath('python-websockets'),
    args: ['-u', script],
    ready: { line: /READY port=(\d+)/ },
    startTimeoutMs: 15_000,
    stopTimeoutMs: 2_000,
  });
  const port = Number(peer.readyMatch?.[1]);
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/`,
    received: () => peer.logs().split('\n').flatMap((line) => {
      const match = /^RECV (\S+) (.*)$/.exec(line);
      return match ? [`${match[1]}: ${match[2]}`] : [];
    }),
    stop: peer.stop,
    logs: peer.logs,
  };
}
