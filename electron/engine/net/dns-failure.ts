import { message, type MessageValue } from '../../../shared/i18n/message.js';
import { dialFailure, type DialFailure } from './dial-failure.js';
import type { NetPeer } from './net-event.js';
import type { SystemErrorLike } from './system-error.js';

/** Classifies a failed name lookup of the server or proxy host. */
export function classifyDnsError(error: SystemErrorLike, host: string, peer: NetPeer, family?: 4 | 6): DialFailure {
  const what: MessageValue = peer === 'proxy' ? message('failure:proxy.host', { host }) : host;
  const code = error.code;
  if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_NONAME') {
    return family === undefined
      ? dialFailure('dns', message('failure:dns.notFound', { host: what }), message('failure:dns.hint.notFound'), code)
      : dialFailure('dns', message('failure:dns.notFoundFamily', { host: what, family }), message('failure:dns.hint.notFoundFamily', { family, otherFamily: family === 4 ? 6 : 4 }), code);
  }
  if (code === 'EAI_AGAIN') return dialFailure('dns', message('failure:dns.temporary', { host: what }), message('failure:dns.hint.temporary'), code);
  return dialFailure('dns', message('failure:dns.other', { host: what, error: error.message }), message('failure:dns.hint.other'), code);
}

/** An IP literal of the other family than the one requested (`-4` with `::1`). */
export function wrongFamilyFailure(host: string, literalFamily: number, family: 4 | 6): DialFailure {
  return dialFailure('dns', message('failure:dns.wrongFamily', { host, literalFamily, family }), message('failure:dns.hint.wrongFamily', { family }));
}
