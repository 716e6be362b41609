import { createServer } from 'node:net';
import { LogBuffer } from './log-buffer.js';
import { startLoopbackPeer } from './loopback-server.js';
import { readRequestHead } from './read-request-head.js';
import type { RunningPeer } from './running-peer.js';
import { websocketAccept } from './websocket-accept.js';

/** Options for `startResetMidFrameServer`. */
export interface ResetMidFrameOptions {
  /** Pause between writing the half frame and the RST, so the bytes reach the client first. Default 100 ms. */
  readonly resetAfterMs?: number;
}

/**
 * Completes a real upgrade, writes the first half of a text frame (header announcing 10 payload
 * bytes, then 4 of them) and resets the TCP connection: the "server crashed mid-message" case.
 */
export async function startResetMidFrameServer(options: ResetMidFrameOptions = {}): Promise<RunningPeer> {
  const resetAfterMs = options.resetAfterMs ?? 100;
  const log = new LogBuffer();
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    readRequestHead(socket).then(
      (head) => {
        const key = head.headers.get('sec-websocket-key') ?? '';
        socket.write(
          'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
            `Sec-WebSocket-Accept: ${websocketAccept(key)}\r\n\r\n`,
        );
        // §5.2: FIN + text opcode, unmasked, payload length 10; only "hell" follows.
        socket.write(Buffer.from([0x81, 0x0a, ...Buffer.from('hell')]));
        log.append('[reset] sent 101 and half a frame\n');
        setTimeout(() => {
          log.append('[reset] resetting the connection\n');
          socket.resetAndDestroy();
        }, resetAfterMs);
      },
      (error: Error) => log.append(`[reset] ${error.message}\n`),
    );
  });
  return startLoopbackPeer(server, log);
}
