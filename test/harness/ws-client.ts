import type { IncomingHttpHeaders } from 'node:http';
import { WebSocket } from 'ws';
import type { ClientOptions, RawData } from 'ws';

/** A message as the `ws` client delivered it. */
export interface ReceivedMessage {
  readonly data: Buffer;
  readonly isBinary: boolean;
}

/** How a handshake that did not open ended: the HTTP status and body, or the socket error. */
export interface HandshakeOutcome {
  readonly status?: number;
  readonly body?: string;
  readonly error?: string;
}

/** An open `ws` client whose messages and close are recorded from the first byte on. */
export interface TestClient {
  readonly socket: WebSocket;
  /** The 101 response's headers (e.g. the negotiated Sec-WebSocket-Extensions with parameters). */
  readonly responseHeaders: IncomingHttpHeaders;
  /** Waits for messages beyond those already taken; rejects after `timeoutMs`. */
  nextMessages(count?: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  /** Resolves with the close code and reason (1006 when the TCP connection just ended). */
  closed(timeoutMs?: number): Promise<{ code: number; reason: string }>;
}

/**
 * Opens a `ws` client (the reference client that proves a peer works) and resolves once open.
 * Messages are queued from the start because a server may send them in the same TCP segment as
 * its 101, before the caller could attach a listener. Rejects with the status or error when the
 * handshake fails, after `timeoutMs` at the latest. `protocols` are the subprotocols it offers.
 */
export function connectWs(url: string, options: ClientOptions & { readonly protocols?: readonly string[] } = {}, timeoutMs = 5_000): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const { protocols, ...clientOptions } = options;
    const socket = new WebSocket(url, protocols ? [...protocols] : [], { handshakeTimeout: timeoutMs, ...clientOptions });
    const queue: ReceivedMessage[] = [];
    let wake: (() => void) | undefined;
    let closeResult: { code: number; reason: string } | undefined;
    let responseHeaders: IncomingHttpHeaders = {};
    socket.on('message', (data: RawData, isBinary: boolean) => {
      queue.push({ data: toBuffer(data), isBinary });
      wake?.();
    });
    socket.once('close', (code: number, reason: Buffer) => {
      closeResult = { code, reason: reason.toString() };
      wake?.();
    });
    socket.once('upgrade', (response) => (responseHeaders = response.headers));
    const waitFor = <T>(take: () => T | undefined, what: string, waitMs: number): Promise<T> =>
      new Promise((resolveWait, rejectWait) => {
        const timer = setTimeout(() => rejectWait(new Error(`${what} within ${waitMs} ms`)), waitMs);
        const check = (): void => {
          const value = take();
          if (value === undefined) return;
          clearTimeout(timer);
          wake = undefined;
          resolveWait(value);
        };
        wake = check;
        check();
      });
    socket.once('open', () =>
      resolve({
        socket,
        responseHeaders,
        nextMessages: (count = 1, waitMs = 5_000) =>
          waitFor(() => (queue.length >= count ? queue.splice(0, count) : undefined), `no ${count} message(s)`, waitMs),
        closed: (waitMs = 5_000) => waitFor(() => closeResult, 'not closed', waitMs),
      }),
    );
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`handshake answered ${response.statusCode ?? '?'}`));
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

/** Starts a handshake that is expected to fail and reports how: status and body, or error. */
export function expectHandshakeFailure(url: string, options: ClientOptions = {}, timeoutMs = 5_000): Promise<HandshakeOutcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs, ...options });
    socket.once('open', () => {
      socket.terminate();
      reject(new Error('the handshake unexpectedly succeeded'));
    });
    socket.once('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => {
        resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString() });
        socket.terminate();
      });
      response.once('error', () => resolve({ status: response.statusCode }));
    });
    socket.once('error', (error) => resolve({ error: error.message }));
  });
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
