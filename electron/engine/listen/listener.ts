import type { Server, Socket } from 'node:net';
import { openServer, type ServerAddressOptions } from '../net/open-server.js';
import { ListenConnection } from './listen-connection.js';

/** How the listener is set up (`frameline listen [HOST:]PORT …`). */
export interface ListenerOptions extends ServerAddressOptions {
  readonly echo?: boolean;
  /** Ping each client this often (0 or absent: never), and with `pongTimeoutMs` drop one whose pong does not come. */
  readonly pingIntervalMs?: number;
  readonly pongTimeoutMs?: number;
  /** Answer every request with this status instead of upgrading. */
  readonly respondStatus?: number | null;
  /** Default 64 MiB. */
  readonly maxPayloadBytes?: number;
  /** Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Subprotocols a 101 may select, preferred first; default none. */
  readonly subprotocols?: readonly string[];
  /** Accept permessage-deflate when a client offers it; default off. */
  readonly isDeflateAccepted?: boolean;
}

/** Where the listener ended up listening. */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
  readonly url: string;
}

/**
 * Frameline as the server (DESIGN.md "listen/"): accepts connections, records each upgrade
 * request exactly as it arrived and every frame after it. Put it behind nginx or a load balancer
 * to see what the proxy really forwards to a backend.
 */
export class Listener {
  private server: Server | null = null;
  private nextId = 1;
  private readonly connections = new Set<ListenConnection>();
  private readonly acceptListeners = new Set<(connection: ListenConnection) => void>();

  constructor(private readonly options: ListenerOptions) {}

  /** Calls `listener` for every accepted connection, before its first byte is read. */
  onDidAccept(listener: (connection: ListenConnection) => void): () => void {
    this.acceptListeners.add(listener);
    return () => this.acceptListeners.delete(listener);
  }

  /** Starts listening; rejects with the system error (EADDRINUSE, EACCES) when the address cannot be had. */
  async start(): Promise<ListenAddress> {
    const { server, host, port, authority } = await openServer(this.options, (socket) => this.accept(socket));
    this.server = server;
    return { host, port, url: `${this.options.tls ? 'wss' : 'ws'}://${authority}/` };
  }

  /** Stops accepting and drops open connections. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const connection of this.connections) connection.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    socket.on('error', () => undefined);
    const connection = new ListenConnection(socket, {
      id: this.nextId++,
      echo: this.options.echo === true,
      pingIntervalMs: this.options.pingIntervalMs ?? 0,
      pongTimeoutMs: this.options.pongTimeoutMs ?? 0,
      respondStatus: this.options.respondStatus ?? null,
      isTls: this.options.tls !== undefined,
      maxPayloadBytes: this.options.maxPayloadBytes ?? 64 * 1024 * 1024,
      requestTimeoutMs: this.options.requestTimeoutMs ?? 30_000,
      accepts: { subprotocols: this.options.subprotocols ?? [], isDeflateAccepted: this.options.isDeflateAccepted === true },
    });
    this.connections.add(connection);
    void connection.ended.then(() => this.connections.delete(connection));
    for (const listener of this.acceptListeners) listener(connection);
  }
}
