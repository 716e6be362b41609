import type { Duplex } from 'node:stream';
import { RequestHeadParser, type RequestHead } from '../../../shared/protocol/http-request-parser.js';
import { readSocket } from '../net/socket-read.js';

/** What reading a request head from a fresh connection ended in. */
export type RequestHeadOutcome =
  | { readonly kind: 'head'; readonly head: RequestHead; readonly rest: Uint8Array }
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'ended'; readonly message: string };

/**
 * Reads one HTTP/1.x request head (the client's upgrade or a proxy request) with the request
 * parser's limits and a deadline. Afterwards the socket is paused with these listeners removed,
 * and `rest` holds the bytes that came after the head.
 */
export function readRequestHead(socket: Duplex, timeoutMs: number): Promise<RequestHeadOutcome> {
  return new Promise((resolve) => {
    const parser = new RequestHeadParser();
    const finish = (outcome: RequestHeadOutcome): void => {
      clearTimeout(timer);
      release();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'ended', message: `no request head within ${timeoutMs} ms` }), timeoutMs);
    const release = readSocket(socket, {
      onData: (chunk) => {
        const step = parser.push(chunk);
        if (step.kind === 'head') finish({ kind: 'head', head: step.head, rest: step.rest });
        else if (step.kind === 'error') finish({ kind: 'unreadable', message: step.error.error });
      },
      onEnd: () => finish({ kind: 'ended', message: 'the connection ended before a whole request head arrived' }),
      onError: (error) => finish({ kind: 'ended', message: error.message }),
    });
  });
}
