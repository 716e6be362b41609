import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { LogBuffer } from './log-buffer.js';
import type { RunningPeer } from './running-peer.js';
import { listenOnLoopback } from './listen-on-loopback.js';

/** A running Socket.IO 4 server that relays every event to every connected client. */
export interface SocketIoBroadcastPeer extends RunningPeer {
  /** `ws://127.0.0.1:<port>/socket.io/?EIO=4&transport=websocket`. */
  readonly url: string;
  /** Why each client left, in order (`ping timeout`, `client namespace disconnect`, `transport close`…). */
  disconnectReasons(): readonly string[];
  /** Clients that joined `/`. */
  connections(): number;
}

/**
 * The npm `socket.io` 4 server on loopback with short ping settings, as a chat room: any event a
 * client emits is emitted with the same arguments to every client (the sender too). A client that
 * does not answer Engine.IO pings is disconnected after pingInterval + pingTimeout.
 */
export async function startSocketIoBroadcastServer(options: { readonly pingIntervalMs: number; readonly pingTimeoutMs: number }): Promise<SocketIoBroadcastPeer> {
  const log = new LogBuffer();
  const reasons: string[] = [];
  let connections = 0;
  const http = createServer();
  const io = new Server(http, { pingInterval: options.pingIntervalMs, pingTimeout: options.pingTimeoutMs, transports: ['websocket'] });
  io.on('connection', (socket) => {
    connections += 1;
    log.append(`[socket.io] connect ${socket.id}\n`);
    socket.on('disconnect', (reason) => {
      reasons.push(reason);
      log.append(`[socket.io] disconnect ${socket.id} ${reason}\n`);
    });
    socket.onAny((event: string, ...args: unknown[]) => io.emit(event, ...args));
  });
  const port = await listenOnLoopback(http);
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`,
    disconnectReasons: () => reasons,
    connections: () => connections,
    logs: () => log.toString(),
    stop: () =>
      (stopping ??= new Promise((resolve) => {
        io.close();
        http.closeAllConnections();
        http.close(() => resolve());
      })),
  };
}
