import type { IncomingMessage, ServerResponse } from 'node:http';
import { bridgePaths, tokenExchangeSchema } from '../../shared/contract/bridge-protocol.js';
import type { FramelineEngine } from '../engine/api/engine.js';
import { serveDownload } from './download-route.js';
import type { LaunchCodes } from './launch-codes.js';
import { readSmallBody } from './request-body.js';
import { hasOneHost, isAllowedHost, isAllowedOrigin, isValidToken, type GuardContext } from './request-guard.js';
import { parseRequestTarget } from '../page/request-target.js';
import { serveStatic } from './static-files.js';

/** What the plain HTTP routes of the web host need. */
export interface RouteContext {
  readonly guard: GuardContext;
  readonly codes: LaunchCodes;
  /** Where prepared exports are taken from for their one download. */
  readonly engine: FramelineEngine;
  readonly rendererDirectory: string;
  readonly log: (line: string) => void;
}

/** A token exchange body is one short JSON object. */
const maxExchangeBytes = 1024;

/**
 * The web host's HTTP routes: the page's files (GET, HEAD), the token check, the launch-code
 * exchange (POST, our Origin only), and a prepared export's one download (GET). Every request needs our Host. Whatever arrives, the answer is
 * a status, never an exception out of the server's request listener.
 */
export function createRequestHandler(context: RouteContext): (request: IncomingMessage, response: ServerResponse) => void {
  const fail = (response: ServerResponse, error: unknown): void => {
    context.log(`frameline ui: a request failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end();
  };
  const route = (request: IncomingMessage, response: ServerResponse): void => {
    if (!hasOneHost(request.rawHeaders)) return void plain(response, 400, 'bad request: one Host header is required');
    if (!isAllowedHost(request.headers.host, context.guard)) return void plain(response, 403, 'forbidden: foreign Host header');
    const target = parseRequestTarget(request.url);
    if (!target) return void plain(response, 400, 'bad request: malformed path');
    if (target.path === bridgePaths.token) {
      if (request.method !== 'POST') return void response.writeHead(405, { Allow: 'POST' }).end();
      exchangeCode(request, response, context).catch((error: unknown) => fail(response, error));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    if (target.path === bridgePaths.check) {
      response.writeHead(isValidToken(target.query.get('token'), context.guard) ? 204 : 403, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    if (target.path === bridgePaths.download) {
      // A HEAD must not use up the one download an id is good for.
      if (request.method !== 'GET') return void response.writeHead(405, { Allow: 'GET' }).end();
      serveDownload(context.engine, target.query.get('id'), request.headers, response);
      return;
    }
    if (target.path === '/favicon.ico') return void response.writeHead(204).end();
    serveStatic(context.rendererDirectory, target.path, response, context.guard.port).catch((error: unknown) => fail(response, error));
  };
  return (request, response) => {
    try {
      route(request, response);
    } catch (error) {
      fail(response, error);
    }
  };
}

/**
 * POST `{"code"}` → `{"token"}`: a page that opened a launch link trades its one-time code for the
 * bridge token. Only our own page may ask (Origin), and a refused request does not spend the code.
 */
async function exchangeCode(request: IncomingMessage, response: ServerResponse, context: RouteContext): Promise<void> {
  if (!isAllowedOrigin(request.headers.origin, context.guard)) return plain(response, 403, 'forbidden: foreign Origin');
  const body = await readSmallBody(request, maxExchangeBytes);
  if (!body.ok) return plain(response, body.status, body.status === 413 ? 'payload too large' : 'bad request');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return plain(response, 400, 'bad request: expected {"code": "…"}');
  }
  const exchange = tokenExchangeSchema.safeParse(parsed);
  if (!exchange.success) return plain(response, 400, 'bad request: expected {"code": "…"}');
  if (!context.codes.redeem(exchange.data.code)) return plain(response, 403, 'forbidden: this link was already used or is not from this frameline ui');
  response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify({ token: context.guard.token }));
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(`${text}\n`);
}
