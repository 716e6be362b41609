import type { CaseObservation } from './case-observation.js';
import { closeCodeOf, echoMismatch, judged, seconds, serverViolation } from './judge-common.js';
import type { Judgement } from './verdict.js';

/**
 * Conforming traffic (§5.6 echo, §5.5.2 pongs, §5.5.1 the closing handshake): every expected echo
 * and pong arrives unchanged, nothing else does, and our close is answered with a close frame
 * (echoing 1000, §5.5.1), after which the server closes TCP (§7.1.1).
 */
export function judgeEcho(observation: CaseObservation): Judgement {
  const failure = serverViolation(observation) ?? echoMismatch(observation) ?? unanswered(observation);
  if (failure) return failure;
  return closingHandshake(observation, 1000) ?? okEcho(observation);
}

function unanswered(observation: CaseObservation): Judgement | null {
  const { echoesReceived, echoesExpected, pongsMatched, pongsExpected } = observation;
  const isComplete = echoesReceived >= echoesExpected && observation.isLastPongMatched;
  if (!isComplete && observation.isTimedOut) {
    return judged('FAILED', 'conformance:reason.timeoutEcho', { seconds: seconds(observation), received: echoesReceived, expected: echoesExpected, pongs: pongsMatched, pongsExpected });
  }
  if (!isComplete && observation.serverClose?.isFirst) {
    return judged('FAILED', 'conformance:reason.serverClosedEarly', { code: closeCodeOf(observation.serverClose), received: echoesReceived, expected: echoesExpected });
  }
  if (!isComplete && !observation.serverClose) {
    return judged('FAILED', 'conformance:reason.serverDroppedEarly', { how: observation.closed?.how ?? 'fin', received: echoesReceived, expected: echoesExpected });
  }
  if (echoesReceived < echoesExpected) return judged('FAILED', 'conformance:reason.missingEcho', { received: echoesReceived, expected: echoesExpected });
  if (!observation.isLastPongMatched) return judged('FAILED', 'conformance:reason.missingPong', { matched: pongsMatched, expected: pongsExpected });
  if (observation.unexpectedMessages > 0) return judged('FAILED', 'conformance:reason.unexpectedMessage', { count: observation.unexpectedMessages });
  return null;
}

/**
 * Our close with `sentCode` must be answered by a close frame (§5.5.1), typically echoing the code;
 * then the server closes TCP first (§7.1.1). Null when all of that happened.
 */
export function closingHandshake(observation: CaseObservation, sentCode: number): Judgement | null {
  const reply = observation.serverClose;
  if (reply?.isFirst) return judged('FAILED', 'conformance:reason.serverClosedUnasked', { code: closeCodeOf(reply) });
  if (!reply) {
    if (observation.isTimedOut) return judged('FAILED', 'conformance:reason.closeNotAnsweredInTime', { seconds: seconds(observation) });
    return judged('FAILED', 'conformance:reason.closeNotAnswered', { how: observation.closed?.how ?? 'fin' });
  }
  if (observation.ending === 'close-wait') return judged('NON-STRICT', 'conformance:reason.noTcpClose');
  const replyCode = closeCodeOf(reply);
  if (replyCode !== sentCode && replyCode !== 1000) return judged('NON-STRICT', 'conformance:reason.closeAnsweredOtherCode', { sent: sentCode, received: replyCode });
  return null;
}

function okEcho(observation: CaseObservation): Judgement {
  const values = { messages: observation.echoesReceived, pongs: observation.pongsMatched, code: closeCodeOf(observation.serverClose) };
  if (observation.pongsSkipped > 0) return judged('OK', 'conformance:reason.okPongsSkipped', { ...values, skipped: observation.pongsSkipped });
  return judged('OK', 'conformance:reason.okEcho', values);
}
