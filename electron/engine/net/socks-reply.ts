import { message, type MessageValue } from '../../../shared/i18n/message.js';

/** RFC 1928 §6 reply codes in words (catalogue messages), keyed by the name the socks library reports. */
export const socks5ReplyNames: Readonly<Record<string, { readonly code: number; readonly words: MessageValue }>> = {
  Failure: { code: 0x01, words: message('failure:socks.reply.failure') },
  NotAllowed: { code: 0x02, words: message('failure:socks.reply.notAllowed') },
  NetworkUnreachable: { code: 0x03, words: message('failure:socks.reply.networkUnreachable') },
  HostUnreachable: { code: 0x04, words: message('failure:socks.reply.hostUnreachable') },
  ConnectionRefused: { code: 0x05, words: message('failure:socks.reply.connectionRefused') },
  TTLExpired: { code: 0x06, words: message('failure:socks.reply.ttlExpired') },
  CommandNotSupported: { code: 0x07, words: message('failure:socks.reply.commandNotSupported') },
  AddressNotSupported: { code: 0x08, words: message('failure:socks.reply.addressNotSupported') },
};

/** SOCKS4/4a reply codes (0x5B–0x5D) in words, keyed by the socks library's names. */
export const socks4ReplyNames: Readonly<Record<string, { readonly code: number; readonly words: MessageValue }>> = {
  Failed: { code: 0x5b, words: message('failure:socks.reply.failed') },
  Rejected: { code: 0x5c, words: message('failure:socks.reply.rejected') },
  RejectedIdent: { code: 0x5d, words: message('failure:socks.reply.rejectedIdent') },
};

/** What a socks library error message says, sorted into the cases a user can act on. */
export type SocksErrorKind =
  | { readonly kind: 'reply'; readonly version: 4 | 5; readonly code: number; readonly words: MessageValue; readonly replyName: string }
  | { readonly kind: 'auth-failed' }
  | { readonly kind: 'no-acceptable-auth' }
  | { readonly kind: 'not-socks'; readonly detail: string }
  | { readonly kind: 'closed' }
  | { readonly kind: 'other'; readonly detail: string };

/**
 * Sorts a socks library error by its message. The library reports failures as plain strings
 * such as "Socks5 proxy rejected connection - HostUnreachable", so the message is the interface.
 */
export function readSocksError(message: string): SocksErrorKind {
  const socks5 = /Socks5 proxy rejected connection - (\w+)/i.exec(message);
  if (socks5?.[1] !== undefined) return replyOf(5, socks5[1], socks5ReplyNames);
  const socks4 = /Socks4 Proxy rejected connection - \(?(\w+)\)?/i.exec(message);
  if (socks4?.[1] !== undefined) return replyOf(4, socks4[1], socks4ReplyNames);
  if (/Socks5 Authentication failed/i.test(message)) return { kind: 'auth-failed' };
  if (/no accepted authentication type/i.test(message)) return { kind: 'no-acceptable-auth' };
  if (/invalid socks version|invalid Socks[45]|unknown authentication type|Negotiation error/i.test(message)) {
    return { kind: 'not-socks', detail: message };
  }
  if (/Socket closed/i.test(message)) return { kind: 'closed' };
  return { kind: 'other', detail: message };
}

function replyOf(
  version: 4 | 5,
  replyName: string,
  table: Readonly<Record<string, { readonly code: number; readonly words: MessageValue }>>,
): SocksErrorKind {
  const known = table[replyName];
  return known === undefined
    ? { kind: 'reply', version, code: -1, words: replyName, replyName }
    : { kind: 'reply', version, code: known.code, words: known.words, replyName };
}
