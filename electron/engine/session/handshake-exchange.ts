import type { Duplex } from 'node:stream';
import { message, type MessageValue } from '../../../shared/i18n/message.js';
import { ResponseBodyReader, type ResponseBody } from '../../../shared/protocol/http-body-reader.js';
import { ResponseHeadParser, type ResponseHead, type ResponseHeadError } from '../../../shared/protocol/http-response-parser.js';
import { readSocket } from '../net/socket-read.js';

/** What reading the handshake response can end in. */
export type HandshakeOutcome =
  | { readonly kind: 'response'; readonly head: ResponseHead; readonly body?: ResponseBody; readonly rest: Uint8Array }
  | {
      readonly kind: 'no-response';
      readonly end: 'timeout' | 'fin' | 'rst' | 'error';
      readonly message: MessageValue;
      readonly received: number;
      /** The start of a head that never completed, kept as it arrived (empty when nothing came). */
      readonly partialHead: Uint8Array;
    }
  | {
      readonly kind: 'bad-response';
      readonly error: ResponseHeadError;
      /** The head's bytes as received, up to the head limit: an unreadable answer is kept, not lost. */
      readonly headBytes: Uint8Array;
      /** Every byte read, which is more than `headBytes` when the limit cut it. */
      readonly received: number;
    };

/** How the exchange is bounded and observed. */
export interface HandshakeExchangeOptions {
  readonly timeoutMs: number;
  /** Bytes of a non-101 body kept for the record. */
  readonly maxBodyBytes: number;
  /** Called with every chunk read, before parsing, so the capture keeps the exact bytes and their boundaries. */
  readonly onRead: (chunk: Uint8Array) => void;
}

/** How long a non-101 response may take to deliver its body once the head is in. */
const bodyGraceMs = 2_000;

/**
 * Writes the request and reads the response head (and, for a non-101 answer, its body). On a 101
 * the socket is left paused with its listeners removed, and `rest` holds bytes that followed the
 * head in the same read — a server may send frames right behind its 101 (§4.2.2).
 */
export function exchangeHandshake(socket: Duplex, request: Uint8Array, options: HandshakeExchangeOptions): Promise<HandshakeOutcome> {
  return new Promise((resolve) => {
    const parser = new ResponseHeadParser();
    let head: ResponseHead | null = null;
    let bodyReader: ResponseBodyReader | null = null;
    let received = 0;
    let timer = setTimeout(() => finish({ kind: 'no-response', end: 'timeout', message: message('failure:handshake.end.timeout', { timeoutMs: options.timeoutMs }), received, partialHead: parser.received() }), options.timeoutMs);

    const finish = (outcome: HandshakeOutcome): void => {
      clearTimeout(timer);
      release();
      resolve(outcome);
    };
    const bodyEnded = (truncated: boolean): void => {
      const step = bodyReader!.push(new Uint8Array(0));
      const body = step.kind === 'body' ? step.body : undefined;
      finish({ kind: 'response', head: head!, rest: new Uint8Array(0), ...(body ? { body: truncated ? { ...body, truncated } : body } : {}) });
    };
    const readBody = (chunk: Uint8Array): void => {
      const step = bodyReader!.push(chunk);
      if (step.kind === 'body') finish({ kind: 'response', head: head!, body: step.body, rest: step.rest });
      else if (step.kind === 'error') finish({ kind: 'response', head: head!, rest: new Uint8Array(0) });
    };
    const onData = (chunk: Uint8Array): void => {
      received += chunk.length;
      options.onRead(chunk);
      if (bodyReader) return readBody(chunk);
      const step = parser.push(chunk);
      if (step.kind === 'need-more') return;
      if (step.kind === 'error') return finish({ kind: 'bad-response', error: step.error, headBytes: parser.received(), received });
      head = step.head;
      if (head.statusCode === 101) return finish({ kind: 'response', head, rest: step.rest });
      bodyReader = new ResponseBodyReader(head, { maxBodyBytes: options.maxBodyBytes });
      clearTimeout(timer);
      timer = setTimeout(() => bodyEnded(true), bodyGraceMs);
      readBody(step.rest);
    };
    const onEnd = (): void => {
      if (bodyReader) return bodyEnded(false);
      finish({ kind: 'no-response', end: 'fin', message: message(received === 0 ? 'failure:handshake.end.closedBeforeResponse' : 'failure:handshake.end.closedInHead'), received, partialHead: parser.received() });
    };
    const onError = (error: NodeJS.ErrnoException): void => {
      if (bodyReader) return bodyEnded(true);
      const end = error.code === 'ECONNRESET' ? 'rst' : 'error';
      finish({ kind: 'no-response', end, message: end === 'rst' ? message('failure:handshake.end.reset') : error.message, received, partialHead: parser.received() });
    };
    const release = readSocket(socket, { onData, onEnd, onError });
    socket.write(request);
  });
}
