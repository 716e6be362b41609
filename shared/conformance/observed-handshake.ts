import type { Message } from '../i18n/message.js';
import type { HandshakeCheck, HeaderPair } from '../contract/records.js';
import { checkHandshake } from '../protocol/handshake-checks.js';
import { negotiateDeflate, type DeflateAgreement } from '../protocol/permessage-deflate.js';

/** The answer to a case's opening handshake, as the judges read it. */
export type ObservedHandshake =
  | {
      readonly kind: 'response';
      readonly statusCode: number;
      readonly reason: string;
      readonly httpVersion: string;
      readonly headers: readonly HeaderPair[];
      /** §4.1's client checks of a 101 (status, Upgrade, Connection, Accept, extensions, subprotocol). */
      readonly checks: readonly HandshakeCheck[];
      /** The agreed permessage-deflate parameters, or null when none was agreed. */
      readonly deflate: DeflateAgreement | null;
      /** Why the server's permessage-deflate acceptance is invalid (RFC 7692 §7.1), or null. */
      readonly deflateError: Message | null;
    }
  | { readonly kind: 'no-response'; readonly message: string; readonly isTimeout: boolean };

/** The head of a handshake response, as parsed. */
export interface ResponseHeadSeen {
  readonly statusCode: number;
  readonly reason: string;
  readonly httpVersion: string;
  readonly headers: readonly HeaderPair[];
}

/**
 * Checks a response against the request that was sent: the same checks a session records, plus
 * the permessage-deflate agreement the connection then runs with.
 */
export function observeResponse(requestHeaders: readonly HeaderPair[], head: ResponseHeadSeen): ObservedHandshake {
  const checks = checkHandshake({ requestHeaders, statusCode: head.statusCode, responseHeaders: head.headers });
  const negotiated = head.statusCode === 101 ? negotiateDeflate(requestHeaders, head.headers) : null;
  return {
    kind: 'response',
    statusCode: head.statusCode,
    reason: head.reason,
    httpVersion: head.httpVersion,
    headers: head.headers,
    checks,
    deflate: negotiated?.ok ? negotiated.agreement : null,
    deflateError: negotiated && !negotiated.ok ? negotiated.message : null,
  };
}
