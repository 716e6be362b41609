import { STATUS_CODES } from 'node:http';
import { createServer } from 'node:net';
import { LogBuffer } from './log-buffer.js';
import { startLoopbackPeer } from './loopback-server.js';
import { readRequestHead } from './read-request-head.js';
import type { RunningPeer } from './running-peer.js';

/** Options for `startHttpResponder`. */
export interface HttpResponderOptions {
  /** Status for every request, upgrade or not. Default 200 (a plain server that ignores Upgrade). */
  readonly status?: number;
  readonly body?: string;
  /** Extra response headers, in order. */
  readonly headers?: ReadonlyArray<readonly [string, string]>;
}

/**
 * Answers every request with one fixed HTTP response and closes: a CDN or plain web server that
 * ignores the upgrade, or a backend that answers 403/404/502. Written on a raw socket so the bytes
 * are exactly these, whatever the request said.
 */
export async function startHttpResponder(options: HttpResponderOptions = {}): Promise<RunningPeer> {
  const status = options.status ?? 200;
  const body = Buffer.from(options.body ?? '');
  const extraHeaders = (options.headers ?? []).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  const log = new LogBuffer();
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    readRequestHead(socket).then(
      (head) => {
        log.append(`[http-responder] ${head.text.split('\r\n')[0] ?? ''} -> ${status}\n`);
        socket.end(
          Buffer.concat([
            Buffer.from(
              `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Status'}\r\nContent-Type: text/plain\r\n` +
                `Content-Length: ${body.length}\r\n${extraHeaders}Connection: close\r\n\r\n`,
            ),
            body,
          ]),
        );
      },
      (error: Error) => log.append(`[http-responder] ${error.message}\n`),
    );
  });
  // Tests dial it as a WebSocket endpoint to see how a client handles the non-101 answer.
  return startLoopbackPeer(server, log);
}
