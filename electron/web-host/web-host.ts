import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { FramelineEngine } from '../engine/api/engine.js';
import { serveBridgeConnection } from './bridge-connection.js';
import { bridgeRefusal, isAllowedHost, isValidToken, type GuardContext } from './request-guard.js';
import { parseRequestTarget } from './request-target.js';
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
  /** Where failures of single requests are reported (they never stop the host); default stderr. */
  readonly log?: (line: string) => void;
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
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const bridge = new WebSocketServer({ noServer: true, maxPayload: 512 * 1024 * 1024 });
  bridge.on('connection', (socket) => serveBridgeConnection(socket, options.engine, log));

  const server = createServer((request, response) => {
    try {
      handleRequest(request, response);
    } catch (error) {
      answerFailure(response, error);
    }
  });
  const answerFailure = (response: ServerResponse, error: unknown): void => {
    log(`frameline ui: a request failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end();
  };
  const handleRequest = (request: IncomingMessage, response: ServerResponse): void => {
    if (!isAllowedHost(request.headers.host, context)) {
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('forbidden: foreign Host header\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const target = parseRequestTarget(request.url);
    if (!target) {
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('bad request: malformed path\n');
      return;
    }
    if (target.path === BRIDGE_CHECK_PATH) {
      response.writeHead(isValidToken(target.query.get('token'), context) ? 204 : 403, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    if (target.path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    serveStatic(options.rendererDirectory, target.path, response, context.port).catch((error: unknown) => answerFailure(response, error));
  };
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    // A peer that resets mid-upgrade must cost nothing but its own socket.
    socket.on('error', () => socket.destroy());
    try {
      const target = parseRequestTarget(request.url);
      const refusal = target === null ? 'malformed path' : target.path === BRIDGE_PATH ? bridgeRefusal(request.headers, target.query.get('token'), context) : 'unknown path';
      if (refusal) {
        const status = target === null ? '400 Bad Request' : '403 Forbidden';
        socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${target === null ? 'bad request' : 'forbidden'}: ${refusal}\n`);
        return;
      }
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
