import { message, type MessageValue } from '../../../shared/i18n/message.js';
import { dialFailure, type DialFailure } from './dial-failure.js';
import { formatHostPort } from './dial-target.js';
import type { NetPeer } from './net-event.js';
import type { SystemErrorLike } from './system-error.js';

/** Classifies a failed TCP connect to the server or the proxy. */
export function classifyConnectError(error: SystemErrorLike, address: string, port: number, peer: NetPeer): DialFailure {
  const where = formatHostPort(address, port);
  const named: MessageValue = peer === 'proxy' ? message('failure:proxy.address', { address: where }) : where;
  const code = error.code;
  switch (code) {
    case 'ECONNREFUSED':
      return dialFailure('tcp', message('failure:tcp.refused', { address: named }), message(peer === 'proxy' ? 'failure:tcp.hint.refusedProxy' : 'failure:tcp.hint.refused'), code);
    case 'ECONNRESET':
      return dialFailure('tcp', message('failure:tcp.reset', { address: named }), message('failure:tcp.hint.reset'), code);
    case 'EHOSTUNREACH':
      return dialFailure('tcp', message('failure:tcp.hostUnreachable', { address: where }), message('failure:tcp.hint.unreachable'), code);
    case 'ENETUNREACH':
      return dialFailure('tcp', message('failure:tcp.networkUnreachable', { address: where }), message('failure:tcp.hint.unreachable'), code);
    case 'EADDRNOTAVAIL':
      return dialFailure('tcp', message('failure:tcp.noLocalAddress', { address: where }), message('failure:tcp.hint.noLocalAddress'), code);
    default:
      return dialFailure('tcp', message('failure:tcp.other', { address: named, error: error.message }), message('failure:tcp.hint.other'), code);
  }
}
