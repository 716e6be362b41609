import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { FramelineEngine } from '../engine/api/engine.js';
import { serveBridgeConnection } from './bridge-connection.js';
import { DOWNLOAD_PATH, serveDownload } from './download-route.js';
import { bridgeRefusal, isAllowedHost, isValidToken, type GuardContext } from './request-guard.js';
import { serveStatic } from './static-files.js';

/** Where the page opens its bridge socket (renderer/api/bridge-api.ts). */
export const BRIDGE_PATH = '/bridge';
/**
 * Where the page asks, after a refused bridge socket, whether its token is the one: 204 or 403.
 * A browser hides an upgrade's 403 from the page (it sees close code 1006), so without this the
 * page could not tell a wrong token from a host that is down.
 */
export const BRIDGE_CHECK_PATH = '/bridge-check';

/** How to start the web host. */
export interface WebHostOptions {
  readonly engine: FramelineEngine;
  /** The built renderer (dist/renderer). */
  readonly rendererDirectory: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** For tests; by default a fresh random token. */
  readonly token?: string;
}

/** A running web host. */
export interface WebHost {
  /** The page URL, token included: the one thing to print. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * `frameline ui`: serves the renderer and bridges FramelineApi over a WebSocket, bound to
 * 127.0.0.1 only. Every request must carry our Host; the bridge also needs our Origin and the
 * token from the printed URL, so neither another site nor a DNS-rebinding page can drive it.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const context: { -readonly [K in keyof GuardContext]: GuardContext[K] } = { port: 0, token };
  const bridge = new WebSocketServer({ noServer: true, maxPayload: 512 * 1024 * 1024 });
  bridge.on('connection', (socket) => serveBridgeConnection(socket, options.engine));

  const server = createServer((request, response) => {
    if (!isAllowedHost(request.headers.host, context)) {
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('forbidden: foreign Host header\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const pathname = url.pathname;
    if (pathname === BRIDGE_CHECK_PATH) {
      response.writeHead(isValidToken(url.searchParams.get('token'), context) ? 204 : 403, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    if (pathname === DOWNLOAD_PATH) {
      // A HEAD must not use up the one download an id is good for.
      if (request.method !== 'GET') response.writeHead(405, { Allow: 'GET' }).end();
      else if (!isValidToken(url.searchParams.get('token'), context)) response.writeHead(403, { 'Cache-Control': 'no-store' }).end();
      else serveDownload(options.engine, url.searchParams.get('id'), response);
      return;
    }
    if (pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    void serveStatic(options.rendererDirectory, pathname, response, context.port);
  });
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const refusal = url.pathname === BRIDGE_PATH ? bridgeRefusal(request.headers, url.searchParams.get('token'), context) : 'unknown path';
    if (refusal) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nforbidden: ${refusal}\n`);
      return;
    }
    bridge.handleUpgrade(request, socket, head, (ws) => bridge.emit('connection', ws, request));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  context.port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${context.port}/?token=${token}`,
    port: context.port,
    token,
    close: async () => {
      for (const client of bridge.clients) client.terminate();
      bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
