import { fileURLToPath } from 'node:url';
import { peerPath } from './peer-availability.js';
import { startProcessPeer } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';

/** The Python WebSocket servers the conformance tests run, each a Debian package nobody here wrote. */
export type PythonEchoServer = 'aiohttp' | 'tornado' | 'autobahn';

/** A running Python echo server. */
export interface PythonEchoPeer extends RunningPeer {
  readonly url: string;
  /** The library's version, e.g. "3.8.4". */
  readonly version: string;
}

const scripts: Record<PythonEchoServer, string> = {
  aiohttp: fileURLToPath(new URL('./python/aiohttp_server.py', import.meta.url)),
  tornado: fileURLToPath(new URL('./python/tornado_server.py', import.meta.url)),
  autobahn: fileURLToPath(new URL('./python/autobahn_server.py', import.meta.url)),
};

const peers = { aiohttp: 'python-aiohttp', tornado: 'python-tornado', autobahn: 'python-autobahn' } as const;

/** Starts one of the Python echo servers on a free loopback port (each script's docstring says how it is configured). */
export async function startPythonEchoServer(server: PythonEchoServer, startTimeoutMs = 20_000): Promise<PythonEchoPeer> {
  const peer = await startProcessPeer({
    name: peers[server],
    command: peerPath(peers[server]),
    args: ['-u', scripts[server]],
    ready: { line: new RegExp(`READY port=(\\d+) ${server}=(\\S+)`) },
    startTimeoutMs,
  });
  const port = Number(peer.readyMatch?.[1]);
  return { host: '127.0.0.1', port, url: `ws://127.0.0.1:${port}/`, version: peer.readyMatch?.[2] ?? 'unknown', stop: peer.stop, logs: peer.logs };
}
