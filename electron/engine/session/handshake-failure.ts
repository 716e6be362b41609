import type { EventText } from '../../../shared/contract/records.js';
import { causeSentence, statusCauseDetails, type RefusedHandshake } from '../../../shared/doctor/cause-sentence.js';
import { isUpgradeAdvertised, needsPathTest, statusCandidates } from '../../../shared/doctor/status-cause.js';
import { message, type Message } from '../../../shared/i18n/message.js';

/** A non-101 answer as the session saw it. */
export interface RefusedAnswer extends RefusedHandshake {
  readonly reason: string;
  /** The response body as latin1 text (what the status table reads for its ranking). */
  readonly bodyText: string;
  /** host:port the answer came from. */
  readonly peer: string;
}

/**
 * Explains a non-101 answer in one line and a hint, through the Doctor's status table
 * (shared/doctor/status-cause.ts) and cause sentences (shared/doctor/cause-sentence.ts), so a
 * status is worded the same in every session and in the Doctor: the likely cause, or for a 426 or
 * 400 the two readings the client cannot tell apart, ranked. The Doctor goes further (evidence,
 * hops, fixes); the hint points there.
 */
export function describeHandshakeFailure(answer: RefusedAnswer): EventText & { readonly hint: Message } {
  const { status, reason, peer } = answer;
  const sentence = reason ? message('failure:handshake.refused', { status, reason, peer }) : message('failure:handshake.refusedNoReason', { status, peer });
  const candidates = statusCandidates(status, answer.bodyText, isUpgradeAdvertised(answer.responseHeaders));
  const [first, second] = candidates.map((candidate) => causeSentence(candidate.causeId, statusCauseDetails(candidate.causeId, answer)));
  const cause = needsPathTest(candidates) && second ? message('doctor:verdict.candidates', { first: first!, second }) : first!;
  return { message: sentence, hint: message('failure:handshake.hint.refused', { cause }) };
}
