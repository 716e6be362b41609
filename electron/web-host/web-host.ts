import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { bridgePaths, launchCodeParameter } from '../../shared/contract/bridge-protocol.js';
import type { FramelineEngine } from '../engine/api/engine.js';
import { serveBridgeConnection } from './bridge-connection.js';
import { createRequestHandler } from './http-routes.js';
import { LaunchCodes } from './launch-codes.js';
import { bridgeRefusal, hasOneHost, type GuardContext } from './request-guard.js';
import { parseRequestTarget } from '../page/request-target.js';

/** How to start the web host. */
export interface WebHostOptions {
  readonly engine: FramelineEngine;
  /** The built renderer (dist/renderer). */
  readonly rendererDirectory: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** For tests; by default a fresh random token. */
  readonly token?: string;
  /** Where failures of single requests are reported (they never stop the host); default stderr. */
  readonly log?: (line: string) => void;
}

/** A running web host. */
export interface WebHost {
  readonly port: number;
  /** The bridge token; it never appears in a URL a browser shows or keeps. */
  readonly token: string;
  /**
   * A fresh launch link, `http://127.0.0.1:PORT/#code=…`: the page trades its one-time code for
   * the token, then removes it from the address bar. `onRedeemed` runs when that happens.
   */
  launchUrl(onRedeemed?: () => void): string;
  close(): Promise<void>;
}

/**
 * `frameline ui`: serves the renderer and bridges FramelineApi over a WebSocket, bound to
 * 127.0.0.1 only. Every request must carry our Host; the bridge also needs our Origin and the
 * token, which a page gets by trading the one-time code of a launch link, so neither another site,
 * a DNS-rebinding page nor a link left in a browser's history can drive it.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const guard: { -readonly [K in keyof GuardContext]: GuardContext[K] } = { port: 0, token };
  const codes = new LaunchCodes();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const bridge = new WebSocketServer({ noServer: true, maxPayload: 512 * 1024 * 1024 });
  bridge.on('connection', (socket) => serveBridgeConnection(socket, options.engine, log));

  const server = createServer(createRequestHandler({ guard, codes, engine: options.engine, rendererDirectory: options.rendererDirectory, log }));
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    // A peer that resets mid-upgrade must cost nothing but its own socket.
    socket.on('error', () => socket.destroy());
    try {
      const target = parseRequestTarget(request.url);
      if (target === null) return void refuseUpgrade(socket, '400 Bad Request', 'bad request: malformed path');
      if (!hasOneHost(request.rawHeaders)) return void refuseUpgrade(socket, '400 Bad Request', 'bad request: one Host header is required');
      const refusal = target.path === bridgePaths.socket ? bridgeRefusal(request.headers, target.query.get('token'), guard) : 'unknown path';
      if (refusal) return void refuseUpgrade(socket, '403 Forbidden', `forbidden: ${refusal}`);
      bridge.handleUpgrade(request, socket, head, (ws) => bridge.emit('connection', ws, request));
    } catch (error) {
      log(`frameline ui: an upgrade failed: ${error instanceof Error ? error.message : String(error)}`);
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  guard.port = (server.address() as AddressInfo).port;
  return {
    port: guard.port,
    token,
    launchUrl: (onRedeemed) => `http://127.0.0.1:${guard.port}/#${launchCodeParameter}=${codes.issue(onRedeemed)}`,
    close: async () => {
      for (const client of bridge.clients) client.terminate();
      bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuseUpgrade(socket: Socket, status: string, text: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${text}\n`);
}
