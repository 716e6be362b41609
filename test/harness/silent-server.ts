import { createServer } from 'node:net';
import { LogBuffer } from './log-buffer.js';
import { startLoopbackPeer } from './loopback-server.js';
import type { RunningPeer } from './running-peer.js';

/**
 * A TCP server that accepts connections and never answers: the handshake stalls, as behind a
 * proxy that speaks HTTP/1.0 to the backend or a backend that hangs.
 */
export async function startSilentServer(): Promise<RunningPeer> {
  const log = new LogBuffer();
  const server = createServer((socket) => {
    log.append(`[silent] accepted ${socket.remotePort}\n`);
    socket.on('data', (chunk) => log.append(`[silent] received ${chunk.length} bytes, not answering\n`));
    socket.on('error', () => undefined);
  });
  return startLoopbackPeer(server, log);
}
