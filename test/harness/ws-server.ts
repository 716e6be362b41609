import type { IncomingMessage } from 'node:http';
import { WebSocketServer } from 'ws';
import type { PerMessageDeflateOptions } from 'ws';
import { LogBuffer } from './log-buffer.js';
import type { RunningPeer } from './running-peer.js';
import { applyWsBehaviour } from './ws-behaviour.js';
import type { ServerReceivedMessage, WsBehaviourOptions } from './ws-behaviour.js';

/** Options for `startWsServer`; the default is a plain echo server without compression. */
export interface WsServerOptions extends WsBehaviourOptions {
  /** permessage-deflate acceptance, passed to `ws` as is. Default false. */
  readonly perMessageDeflate?: boolean | PerMessageDeflateOptions;
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
  receivedMessages(): readonly ServerReceivedMessage[];
}

/**
 * The `ws` library's server on loopback: the reference peer. It owns its HTTP server, so a plain
 * GET without Upgrade gets ws's own 426 answer, exactly what a backend behind a misconfigured
 * proxy returns.
 */
export async function startWsServer(options: WsServerOptions = {}): Promise<WsServerPeer> {
  const log = new LogBuffer();
  const upgradeRequests: UpgradeRequest[] = [];
  const received: ServerReceivedMessage[] = [];
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
    applyWsBehaviour(socket, options, log, received);
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

/** The request line and headers of an upgrade, as recorded by the test servers. */
export function describeRequest(request: IncomingMessage): UpgradeRequest {
  return { method: request.method ?? '', url: request.url ?? '', httpVersion: request.httpVersion, rawHeaders: request.rawHeaders };
}
