import type { HttpExchange } from '../contract/relay-http-exchange.js';
import { message, verbatim, type Message } from '../i18n/message.js';

/** How a passed-through HTTP exchange ended, in the reader's words (the CLI's line, the Relay view's detail). */
export function httpExchangeEndMessage(exchange: HttpExchange): Message {
  const end = exchange.end;
  switch (end.kind) {
    case 'open':
      return message('relay:http.open');
    case 'completed':
      return message('relay:http.completed');
    case 'client-closed':
      return message('relay:http.clientClosed');
    case 'server-closed':
      return message('relay:http.serverClosed');
    case 'upstream-failed':
      return message('relay:http.upstreamFailed', { stage: end.stage, message: end.i18n.message });
  }
}

/** The response's status line (`200 OK`), or that none came. */
export function httpExchangeAnswerMessage(exchange: HttpExchange): Message {
  const response = exchange.response;
  return response === null ? message('relay:http.noResponse') : verbatim(`${response.statusCode} ${response.reason}`.trimEnd());
}

/** Why the response could not be read, or null. */
export function httpExchangeProblemMessage(exchange: HttpExchange): Message | null {
  return exchange.responseProblem === null ? null : message('relay:http.unreadable', { detail: verbatim(exchange.responseProblem) });
}
