import type { IncomingMessage } from 'node:http';
import { WebSocketServer } from 'ws';
import type { PerMessageDeflateOptions, RawData, WebSocket } from 'ws';
import { LogBuffer } from './log-buffer.js';
import type { RunningPeer } from './running-peer.js';

/** Options for `startWsServer`; the default is a plain echo server without compression. */
export interface WsServerOptions {
  /** Offer-acceptance of permessage-deflate, passed to `ws` as is. Default false. */
  readonly perMessageDeflate?: boolean | PerMessageDeflateOptions;
  /** Send every message back as received (same opcode). Default true. */
  readonly isEcho?: boolean;
  /** Messages (string = text, bytes = binary) sent as soon as a client connects. */
  readonly messagesOnConnect?: ReadonlyArray<string | Uint8Array>;
  /** The server pings each client this often; the payload counts up ("1", "2", …). */
  readonly pingIntervalMs?: number;
  /** After the first message from a client, close with this code and reason. */
  readonly closeAfterMessage?: { readonly closeCode: number; readonly reason: string };
  /** Sub-protocols the server accepts (the first one the client offers wins). */
  readonly protocols?: readonly string[];
}

/** A received upgrade request, as the backend saw it (to compare with what a proxy was sent). */
export interface UpgradeRequest {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  /** Header names and values in order, with their original case. */
  readonly rawHeaders: readonly string[];
}

/** A running `ws` server. */
export interface WsServerPeer extends RunningPeer {
  readonly url: string;
  /** Upgrade requests that reached the server, in arrival order. */
  upgradeRequests(): readonly UpgradeRequest[];
  /** Messages received from clients, in arrival order. */
  receivedMessages(): ReadonlyArray<{ readonly data: Buffer; readonly isBinary: boolean }>;
}

/**
 * The `ws` library's server on loopback: the reference peer. It owns its HTTP server, so a plain
 * GET without Upgrade gets ws's own 426 answer, exactly what a backend behind a misconfigured
 * proxy returns.
 */
export async function startWsServer(options: WsServerOptions = {}): Promise<WsServerPeer> {
  const log = new LogBuffer();
  const upgradeRequests: UpgradeRequest[] = [];
  const received: Array<{ data: Buffer; isBinary: boolean }> = [];
  const protocols = options.protocols;
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    perMessageDeflate: options.perMessageDeflate ?? false,
    ...(protocols ? { handleProtocols: (offered: Set<string>) => protocols.find((p) => offered.has(p)) ?? false } : {}),
  });
  server.on('connection', (socket, request) => {
    upgradeRequests.push(describeRequest(request));
    log.append(`[ws] connection ${request.url ?? ''} extensions=${socket.extensions || '(none)'}\n`);
    serve(socket, options, log, received);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= new Promise((resolve) => {
      for (const client of server.clients) client.terminate();
      server.close(() => resolve());
    }));
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/`,
    stop,
    logs: () => log.toString(),
    upgradeRequests: () => upgradeRequests,
    receivedMessages: () => received,
  };
}

function serve(socket: WebSocket, options: WsServerOptions, log: LogBuffer, received: Array<{ data: Buffer; isBinary: boolean }>): void {
  for (const message of options.messagesOnConnect ?? []) socket.send(message, { binary: typeof message !== 'string' });
  if (options.pingIntervalMs !== undefined) {
    let count = 0;
    const timer = setInterval(() => socket.ping(String(++count)), options.pingIntervalMs);
    socket.once('close', () => clearInterval(timer));
  }
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = toBuffer(data);
    received.push({ data: bytes, isBinary });
    log.append(`[ws] message ${bytes.length} bytes ${isBinary ? 'binary' : 'text'}\n`);
    if (options.isEcho ?? true) socket.send(bytes, { binary: isBinary });
    if (options.closeAfterMessage) socket.close(options.closeAfterMessage.closeCode, options.closeAfterMessage.reason);
  });
  socket.on('close', (code, reason) => log.append(`[ws] close ${code} ${reason.toString()}\n`));
  socket.on('error', (error) => log.append(`[ws] error ${error.message}\n`));
}

function describeRequest(request: IncomingMessage): UpgradeRequest {
  return { method: request.method ?? '', url: request.url ?? '', httpVersion: request.httpVersion, rawHeaders: request.rawHeaders };
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
