import type { CaseObservation } from './case-observation.js';
import { closeCodeOf, judged, seconds } from './judge-common.js';
import type { Judgement } from './verdict.js';

/**
 * Where the RFCs leave the behaviour open (a non-minimal length, a close code above 4999, close
 * codes registered after RFC 6455, what comes first after a close), the verdict says what the
 * server did. A server that never answers still FAILS: hanging is never a choice the RFC leaves.
 */
export function judgeInformational(observation: CaseObservation): Judgement {
  const close = observation.serverClose;
  const isAnswered = close !== null || observation.echoesReceived > 0 || observation.closed !== null;
  if (observation.isTimedOut && !isAnswered) return judged('FAILED', 'conformance:reason.timeoutInformational', { seconds: seconds(observation) });
  if (observation.didScriptClose && observation.echoesExpected > 0) return replyOrder(observation);
  if (close?.isFirst) return judged('INFORMATIONAL', 'conformance:reason.infoFailed', { code: closeCodeOf(close) });
  if (!close && observation.closed && observation.echoesReceived === 0) return judged('INFORMATIONAL', 'conformance:reason.infoDropped', { how: observation.closed.how });
  if (observation.echoesReceived > 0 && observation.echoesReceived >= observation.echoesExpected) return judged('INFORMATIONAL', 'conformance:reason.infoEchoed', { count: observation.echoesReceived });
  if (close && !close.isFirst) return judged('INFORMATIONAL', 'conformance:reason.infoCloseAnswered', { code: closeCodeOf(close) });
  return judged('INFORMATIONAL', 'conformance:reason.infoOther', { received: observation.echoesReceived, expected: observation.echoesExpected });
}

/** After data then our close: did the server's echoes come before its close reply? */
function replyOrder(observation: CaseObservation): Judgement {
  const closeAt = observation.replyOrder.indexOf('close');
  const echoes = observation.echoesReceived;
  if (closeAt < 0) return judged('INFORMATIONAL', 'conformance:reason.infoNoCloseReply', { count: echoes });
  if (echoes >= observation.echoesExpected) return judged('INFORMATIONAL', 'conformance:reason.infoEchoBeforeClose', { count: echoes });
  return judged('INFORMATIONAL', 'conformance:reason.infoCloseBeforeEcho', { received: echoes, expected: observation.echoesExpected });
}
