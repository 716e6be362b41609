import { getHeaderList } from '../protocol/header-list.js';
import type { CaseObservation } from './case-observation.js';
import type { Expectation } from './conformance-case.js';
import { checkDetail } from '../i18n/event-text.js';
import { judged, seconds } from './judge-common.js';
import type { ObservedHandshake } from './observed-handshake.js';
import type { Judgement } from './verdict.js';

type Refusal = Extract<Expectation, { kind: 'handshake-refused' }>;

/**
 * Before any frame: every case other than a handshake case needs a valid 101 (§4.1 client
 * checks); a deflate case needs permessage-deflate agreed, validly (RFC 7692 §7.1), else it is
 * UNIMPLEMENTED or FAILED. Null when the handshake lets the case go on.
 */
export function judgeOpening(observation: CaseObservation, requiresDeflate: boolean): Judgement | null {
  const handshake = observation.handshake;
  const problem = handshakeProblem(handshake, observation);
  if (problem) return problem;
  if (handshake?.kind !== 'response') return null;
  if (requiresDeflate && handshake.deflateError !== null) return judged('FAILED', 'conformance:reason.deflateInvalid', { detail: handshake.deflateError });
  if (requiresDeflate && handshake.deflate === null) return judged('UNIMPLEMENTED', 'conformance:reason.deflateNotAccepted');
  return null;
}

function handshakeProblem(handshake: ObservedHandshake | null, observation: CaseObservation): Judgement | null {
  if (handshake === null) return judged('FAILED', 'conformance:reason.notConnected');
  if (handshake.kind === 'no-response') {
    if (handshake.isTimeout) return judged('FAILED', 'conformance:reason.handshakeTimeout', { seconds: seconds(observation) });
    return judged('FAILED', 'conformance:reason.handshakeNoAnswer', { detail: handshake.message });
  }
  if (handshake.statusCode !== 101) return judged('FAILED', 'conformance:reason.handshakeRefused', { status: handshake.statusCode, reason: handshake.reason });
  const failed = handshake.checks.find((check) => !check.ok);
  if (failed) return judged('FAILED', 'conformance:reason.handshakeChecks', { check: failed.id, detail: checkDetail(failed) });
  return null;
}

/** §4.1/§4.2.2: a conforming request gets a valid 101. */
export function judgeHandshakeAccepted(observation: CaseObservation): Judgement {
  return handshakeProblem(observation.handshake, observation) ?? judged('OK', 'conformance:reason.handshakeAcceptedOk');
}

/**
 * §4.2.1: a server that finds the request is not a valid handshake MUST stop processing it and
 * answer with an HTTP error such as 400; §4.2.2/§4.4: for a version it does not speak, 426 with
 * the versions it does in Sec-WebSocket-Version.
 */
export function judgeHandshakeRefused(observation: CaseObservation, expectation: Refusal): Judgement {
  const handshake = observation.handshake;
  if (handshake === null) return judged('FAILED', 'conformance:reason.notConnected');
  if (handshake.kind === 'no-response') {
    if (handshake.isTimeout) return judged('FAILED', 'conformance:reason.handshakeTimeout', { seconds: seconds(observation) });
    return judged('NON-STRICT', 'conformance:reason.refusedByClosing', { detail: handshake.message });
  }
  const status = handshake.statusCode;
  if (status === 101) return judged(expectation.whenAccepted, 'conformance:reason.acceptedBadRequest');
  if (status < 400 || status >= 600) return judged('NON-STRICT', 'conformance:reason.refusedOddStatus', { status, reason: handshake.reason });
  if (expectation.preferredStatus !== null && status !== expectation.preferredStatus) {
    return judged('NON-STRICT', 'conformance:reason.refusedOtherStatus', { status, preferred: expectation.preferredStatus });
  }
  if (expectation.needsVersionHeader && !getHeaderList(handshake.headers, 'sec-websocket-version').includes('13')) {
    return judged('NON-STRICT', 'conformance:reason.refusedNoVersionHeader', { status });
  }
  return judged('OK', 'conformance:reason.refusedOk', { status, reason: handshake.reason });
}
