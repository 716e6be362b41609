import type { CaseObservation } from './case-observation.js';
import { closeCodeOf, judged, keptProcessing, seconds, serverViolation } from './judge-common.js';
import type { Judgement } from './verdict.js';

/**
 * The script sent a close (§5.5.1): the server answers with one close frame — echoing our code or
 * 1000 for a valid code (1005 stands for an empty body) — does nothing about what we send after
 * it, and then closes TCP (§7.1.1).
 */
export function judgeCloseReply(observation: CaseObservation, closeCodes: readonly number[]): Judgement {
  const failure = keptProcessingAfterClose(observation) ?? serverViolation(observation) ?? missingEchoes(observation);
  if (failure) return failure;
  const reply = observation.serverClose;
  if (!reply) {
    if (observation.isTimedOut) return judged('FAILED', 'conformance:reason.closeNotAnsweredInTime', { seconds: seconds(observation) });
    return judged('FAILED', 'conformance:reason.closeNotAnswered', { how: observation.closed?.how ?? 'fin' });
  }
  const code = closeCodeOf(reply);
  if (observation.ending === 'close-wait') return judged('NON-STRICT', 'conformance:reason.noTcpClose');
  if (!closeCodes.includes(code)) return judged('NON-STRICT', 'conformance:reason.closeReplyOther', { received: code, expected: closeCodes.join('/') });
  return judged('OK', 'conformance:reason.closeReplyOk', { code });
}

function keptProcessingAfterClose(observation: CaseObservation): Judgement | null {
  if (!keptProcessing(observation)) return null;
  return judged('FAILED', 'conformance:reason.answeredAfterClose');
}

function missingEchoes(observation: CaseObservation): Judgement | null {
  if (observation.echoesReceived >= observation.echoesExpected) return null;
  return judged('FAILED', 'conformance:reason.missingEcho', { received: observation.echoesReceived, expected: observation.echoesExpected });
}
