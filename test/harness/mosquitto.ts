import { writeFileSync } from 'node:fs';
import { freePort } from './free-port.js';
import { peerPath } from './peer-availability.js';
import { startProcessPeerIn } from './process-peer.js';
import type { RunningPeer } from './running-peer.js';
import { createTempDir } from './temp-dir.js';

/** A running mosquitto broker with one WebSocket listener on loopback. */
export interface MosquittoPeer extends RunningPeer {
  /** `ws://127.0.0.1:<port>/` (mosquitto serves MQTT over WebSocket on any path). */
  readonly url: string;
}

/**
 * Starts mosquitto in the foreground with a config in a temp dir: `listener <port> 127.0.0.1`
 * with `protocol websockets`, anonymous access, no persistence, logs on stderr (unbuffered, unlike its stdout). Mosquitto 2.0.11
 * refuses to start with websockets listeners only ("Unable to start any listening sockets": it
 * counts only its own sockets), so a plain MQTT listener on another loopback port comes first.
 * Its libwebsockets listener ignores the address and binds the port on every interface; tests
 * only ever connect through 127.0.0.1.
 */
export async function startMosquitto(options: { readonly startTimeoutMs?: number } = {}): Promise<MosquittoPeer> {
  const mosquitto = peerPath('mosquitto');
  // World-readable: mosquitto started as root drops to its own user after reading the config.
  const dir = createTempDir('mosquitto', { worldWritable: true });
  const [port, plainPort] = await Promise.all([freePort(), freePort()]);
  writeFileSync(
    dir.file('mosquitto.conf'),
    [`listener ${plainPort} 127.0.0.1`, 'protocol mqtt', `listener ${port} 127.0.0.1`, 'protocol websockets', 'allow_anonymous true', 'persistence false', 'log_dest stderr', 'log_type all', 'connection_messages true', ''].join('\n'),
  );
  const peer = await startProcessPeerIn(dir, {
    name: 'mosquitto',
    command: mosquitto,
    args: ['-c', dir.file('mosquitto.conf')],
    ready: { port },
    startTimeoutMs: options.startTimeoutMs ?? 15_000,
  });
  return { host: '127.0.0.1', port, url: `ws://127.0.0.1:${port}/`, logs: peer.logs, stop: peer.stop };
}
