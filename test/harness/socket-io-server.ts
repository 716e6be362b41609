import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { Server } from 'socket.io';
import { LogBuffer } from './log-buffer.js';
import type { RunningPeer } from './running-peer.js';
import { listenOnLoopback } from './listen-on-loopback.js';

/** Options for `startSocketIoServer`. */
export interface SocketIoServerOptions {
  /** 4: the socket.io package (Engine.IO 4); 3: socket.io@3 (Engine.IO 4), installed as socket.io-v3; 2: socket.io@2 (Engine.IO 3), installed as socket.io-v2. */
  readonly version: 4 | 3 | 2;
  readonly pingIntervalMs: number;
  readonly pingTimeoutMs: number;
  /** v4 only: HTTP long-polling as well as WebSocket (socket.io's default), so a client polls before it upgrades. */
  readonly isPollingToo?: boolean;
  /** v4 only: Engine.IO's sticky-session cookie, `Set-Cookie: io=<sid>` on the handshake's answer (off by default, as in socket.io). */
  readonly hasSidCookie?: boolean;
}

/** Something the server saw, in order: connections, disconnections with the reason, acks it received. */
export interface SocketIoServerEvent {
  readonly atMs: number;
  readonly kind: 'connect' | 'disconnect' | 'client-ack';
  readonly namespace: string;
  readonly detail: string;
}

/** A running Socket.IO server with the `/chat` namespace. */
export interface SocketIoServerPeer extends RunningPeer {
  /** The WebSocket URL a client dials: `ws://127.0.0.1:<port>/socket.io/?EIO=<3|4>&transport=websocket`. */
  readonly url: string;
  events(): readonly SocketIoServerEvent[];
}

/** The part of a socket both server versions offer. */
interface AnySocket {
  readonly id: string;
  on(event: string, listener: (...args: unknown[]) => void): void;
  emit(event: string, ...args: unknown[]): void;
}

/**
 * A Socket.IO server (v4, or v2 for Engine.IO 3) on loopback with short ping settings. In `/` and
 * `/chat`: `chat:message` is acknowledged with `{ ok, echo }` and echoed as `chat:echo`; `upload`
 * (binary) is acknowledged with its byte count; `ask` makes the server emit `question` with an
 * ack callback and a binary `blob`; each ack the client sends back is recorded.
 */
export async function startSocketIoServer(options: SocketIoServerOptions): Promise<SocketIoServerPeer> {
  const log = new LogBuffer();
  const events: SocketIoServerEvent[] = [];
  const startedAt = Date.now();
  const record = (kind: SocketIoServerEvent['kind'], namespace: string, detail: string): void => {
    events.push({ atMs: Date.now() - startedAt, kind, namespace, detail });
    log.append(`[socket.io] ${kind} ${namespace} ${detail}\n`);
  };
  const http = createServer();
  const io = options.version === 4 ? createV4(http, options) : options.version === 3 ? createV3(http, options) : createV2(http, options);
  for (const namespace of ['/', '/chat']) {
    io.of(namespace).on('connection', (socket: AnySocket) => {
      record('connect', namespace, socket.id);
      socket.on('disconnect', (reason) => record('disconnect', namespace, String(reason)));
      socket.on('chat:message', (payload, ack) => {
        socket.emit('chat:echo', payload);
        if (typeof ack === 'function') ack({ ok: true, echo: payload });
      });
      socket.on('upload', (data, ack) => {
        if (typeof ack === 'function') ack({ bytes: Buffer.isBuffer(data) ? data.length : -1 });
      });
      socket.on('ask', () => {
        socket.emit('question', 'ready?', (answer: unknown) => record('client-ack', namespace, JSON.stringify(answer)));
        socket.emit('blob', Buffer.from([1, 2, 3]));
      });
    });
  }
  const port = await listenOnLoopback(http);
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/socket.io/?EIO=${options.version === 2 ? 3 : 4}&transport=websocket`,
    events: () => events,
    logs: () => log.toString(),
    stop: () =>
      (stopping ??= new Promise((resolve) => {
        io.close();
        http.closeAllConnections();
        http.close(() => resolve());
      })),
  };
}

interface AnyServer {
  of(namespace: string): { on(event: 'connection', listener: (socket: AnySocket) => void): void };
  close(): void;
}

function createV4(http: HttpServer, options: SocketIoServerOptions): AnyServer {
  return new Server(http, { pingInterval: options.pingIntervalMs, pingTimeout: options.pingTimeoutMs, transports: options.isPollingToo ? ['polling', 'websocket'] : ['websocket'], cookie: options.hasSidCookie === true }) as unknown as AnyServer;
}

function createV3(http: HttpServer, options: SocketIoServerOptions): AnyServer {
  const { Server: ServerV3 } = createRequire(import.meta.url)('socket.io-v3') as { Server: new (server: HttpServer, options: Record<string, unknown>) => AnyServer };
  return new ServerV3(http, { pingInterval: options.pingIntervalMs, pingTimeout: options.pingTimeoutMs, transports: ['websocket'] });
}

function createV2(http: HttpServer, options: SocketIoServerOptions): AnyServer {
  const require = createRequire(import.meta.url);
  const createServerV2 = require('socket.io-v2') as (server: HttpServer, options: Record<string, unknown>) => AnyServer;
  return createServerV2(http, { pingInterval: options.pingIntervalMs, pingTimeout: options.pingTimeoutMs, transports: ['websocket'] });
}
