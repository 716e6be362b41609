import type { FailureStage } from '../../../shared/contract/records.js';
import { message, type MessageValue } from '../../../shared/i18n/message.js';
import { dialFailure, type DialFailure } from './dial-failure.js';

/** Classifies the connect timeout by the stage the dial had reached when it ran out. */
export function timeoutFailure(stage: FailureStage, timeoutMs: number, subject: MessageValue): DialFailure {
  const values = { subject, timeoutMs };
  switch (stage) {
    case 'dns':
      return dialFailure(stage, message('failure:timeout.dns', values), message('failure:timeout.hint.dns'), 'ETIMEDOUT');
    case 'tcp':
      return dialFailure(stage, message('failure:timeout.tcp', values), message('failure:timeout.hint.tcp'), 'ETIMEDOUT');
    case 'proxy':
      return dialFailure(stage, message('failure:timeout.proxy', values), message('failure:timeout.hint.proxy'), 'ETIMEDOUT');
    case 'tls':
      return dialFailure(stage, message('failure:timeout.tls', values), message('failure:timeout.hint.tls'), 'ETIMEDOUT');
    default:
      return dialFailure(stage, message('failure:timeout.other', values), message('failure:timeout.hint.other'), 'ETIMEDOUT');
  }
}
