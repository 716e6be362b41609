import type { CaseObservation } from './case-observation.js';
import { closeCodeOf, judged, keptProcessing, seconds, serverViolation } from './judge-common.js';
import type { Judgement } from './verdict.js';

/** What a case that breaks a rule expects: the codes that are ideal, and whether failure must come early. */
export interface FailExpectation {
  readonly closeCodes: readonly number[];
  readonly failFastBeforeStep?: number;
}

/**
 * A rule was broken on purpose, so the server must _Fail the WebSocket Connection_ (§7.1.7): stop
 * processing (no echo of the offending message, no pong for a later ping) and close. It SHOULD send
 * a close frame first, with the code the rule calls for (§7.4.1); another code, no close frame, or
 * a failure noticed only after the whole message (fail-fast, §8.1) is NON-STRICT. A server that
 * never reacts is FAILED.
 */
export function judgeFail(observation: CaseObservation, expectation: FailExpectation): Judgement {
  const failure = keptProcessing(observation) ?? serverViolation(observation);
  if (failure) return failure;
  const close = observation.serverClose;
  const hasEnded = close !== null || (observation.closed !== null && observation.ending !== 'case-timeout');
  if (!hasEnded) return judged('FAILED', 'conformance:reason.timeoutFail', { seconds: seconds(observation) });
  return failedEarlyEnough(observation, expectation) ?? failedWithEcho(observation) ?? failedWithCode(observation, expectation);
}

function failedEarlyEnough(observation: CaseObservation, expectation: FailExpectation): Judgement | null {
  const before = expectation.failFastBeforeStep;
  const endedAt = observation.stepsSentWhenServerEnded;
  if (before === undefined || endedAt === null || endedAt <= before) return null;
  return judged('NON-STRICT', 'conformance:reason.failLate');
}

function failedWithEcho(observation: CaseObservation): Judgement | null {
  if (observation.echoesReceived >= observation.echoesExpected) return null;
  return judged('NON-STRICT', 'conformance:reason.failMissingEcho', { received: observation.echoesReceived, expected: observation.echoesExpected });
}

function failedWithCode(observation: CaseObservation, expectation: FailExpectation): Judgement {
  const close = observation.serverClose;
  const expected = expectation.closeCodes.join('/');
  if (!close) return judged('NON-STRICT', 'conformance:reason.failWithoutClose', { how: observation.closed?.how ?? 'fin', expected });
  const code = closeCodeOf(close);
  if (code === 1005) return judged('NON-STRICT', 'conformance:reason.failNoCode', { expected });
  if (!expectation.closeCodes.includes(code)) return judged('NON-STRICT', 'conformance:reason.failOtherCode', { code, expected });
  return judged('OK', 'conformance:reason.failOk', { code });
}
