import { message, type Message } from '../../../shared/i18n/message.js';
import { formatHostPort } from './dial-target.js';
import type { SocksStepFacts } from './net-event.js';
import { hex, socks5Methods } from './socks5-messages.js';
import { methodWords, replyCode, replyWords } from './socks-reply.js';

/** A SOCKS step's facts with the protocol version that produced them. */
export type VersionedSocksStep = SocksStepFacts & { readonly version: 4 | 5 };

/** One sentence for a SOCKS step: what was sent, then what the proxy answered (the timeline's and the Doctor's words alike). */
export function socksStepText(facts: VersionedSocksStep): Message {
  const sent = sentText(facts);
  switch (facts.outcome) {
    case 'ok':
    case 'refused':
      return answerText(facts, sent);
    case 'closed':
      return message('failure:socks.step.closed', { sent });
    case 'no-answer':
      return message('failure:socks.step.noAnswer', { sent });
    case 'invalid':
      return message('failure:socks.step.invalid', { sent, detail: facts.detail ?? '' });
    case 'error':
      return message('failure:socks.step.error', { sent, error: facts.detail ?? '' });
  }
}

function sentText(facts: VersionedSocksStep): Message {
  switch (facts.step) {
    case 'method':
      return message('failure:socks.step.sent.method', { offered: (facts.offeredMethods ?? []).map(methodWords) });
    case 'auth':
      return message('failure:socks.step.sent.auth');
    case 'request':
      return message('failure:socks.step.sent.request', { target: facts.target ?? '', resolution: resolutionText(facts) });
  }
}

function resolutionText(facts: VersionedSocksStep): Message {
  const remote = facts.version === 5 ? 'failure:socks.step.resolution.remote5' : 'failure:socks.step.resolution.remote4a';
  switch (facts.resolution) {
    case 'remote':
      return message(remote);
    case 'local':
      return message(facts.version === 5 ? 'failure:socks.step.resolution.local5' : 'failure:socks.step.resolution.local4', { host: facts.resolvedName ?? '' });
    default:
      return message('failure:socks.step.resolution.address');
  }
}

function answerText(facts: VersionedSocksStep, sent: Message): Message {
  if (facts.step === 'method') {
    const chosen = methodWords(facts.chosenMethod ?? socks5Methods.noAcceptable);
    if (facts.chosenMethod === socks5Methods.noAcceptable) return message('failure:socks.step.methodNone', { sent, chosen });
    return message(facts.outcome === 'ok' ? 'failure:socks.step.methodChosen' : 'failure:socks.step.methodUnoffered', { sent, chosen });
  }
  if (facts.step === 'auth') {
    return message(facts.outcome === 'ok' ? 'failure:socks.step.authAccepted' : 'failure:socks.step.authRejected', { sent, status: `0x${hex(facts.authStatus ?? 0)}` });
  }
  const reply = facts.reply ?? 0;
  const values = { sent, code: replyCode(facts.version, reply), words: replyWords(facts.version, reply) };
  if (facts.outcome === 'refused') return message('failure:socks.step.refused', values);
  return message('failure:socks.step.granted', { ...values, bound: formatHostPort(facts.boundAddress ?? '', facts.boundPort ?? 0) });
}

