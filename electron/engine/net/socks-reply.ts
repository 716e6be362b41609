import { message, type Message } from '../../../shared/i18n/message.js';
import { hex, socks5Methods } from './socks5-messages.js';
import { socks4Granted } from './socks4-messages.js';

/** RFC 1928 §6 REP values in words (catalogue messages). */
const socks5Replies: Readonly<Record<number, string>> = {
  0x00: 'failure:socks.reply.succeeded',
  0x01: 'failure:socks.reply.failure',
  0x02: 'failure:socks.reply.notAllowed',
  0x03: 'failure:socks.reply.networkUnreachable',
  0x04: 'failure:socks.reply.hostUnreachable',
  0x05: 'failure:socks.reply.connectionRefused',
  0x06: 'failure:socks.reply.ttlExpired',
  0x07: 'failure:socks.reply.commandNotSupported',
  0x08: 'failure:socks.reply.addressNotSupported',
};

/** SOCKS4 CD values of a reply (90–93) in words. */
const socks4Replies: Readonly<Record<number, string>> = {
  [socks4Granted]: 'failure:socks.reply.granted',
  91: 'failure:socks.reply.failed',
  92: 'failure:socks.reply.rejected',
  93: 'failure:socks.reply.rejectedIdent',
};

/** A reply code as written on the wire (SOCKS5 in hex as RFC 1928 writes it, SOCKS4 in decimal), e.g. `0x02`, `91`. */
export function replyCode(version: 4 | 5, code: number): string {
  return version === 5 ? `0x${hex(code)}` : String(code);
}

/** A reply code in words; one the RFC does not define is called unassigned. */
export function replyWords(version: 4 | 5, code: number): Message {
  const key = (version === 5 ? socks5Replies : socks4Replies)[code];
  return key === undefined ? message('failure:socks.reply.unassigned') : message(key);
}

/** RFC 1928 §3 METHOD numbers in words, with the number: `0x02 (username/password)`. */
export function methodWords(method: number): Message {
  const name =
    method === socks5Methods.noAuthentication ? 'failure:socks.method.noAuthentication'
    : method === socks5Methods.gssapi ? 'failure:socks.method.gssapi'
    : method === socks5Methods.usernamePassword ? 'failure:socks.method.usernamePassword'
    : method === socks5Methods.noAcceptable ? 'failure:socks.method.noAcceptable'
    : method >= 0x80 ? 'failure:socks.method.private'
    : 'failure:socks.method.ianaAssigned';
  return message('failure:socks.method.named', { code: `0x${hex(method)}`, name: message(name) });
}
