import type { Message } from '../i18n/message.js';

/**
 * A case's verdict, in the sense Autobahn gives these words: OK (conforms), NON-STRICT (acceptable
 * but not ideal, e.g. a SHOULD not followed or a failure reported late), INFORMATIONAL (the RFC
 * leaves the behaviour open; what happened is reported), UNIMPLEMENTED (an optional feature such
 * as permessage-deflate is absent), FAILED (a MUST broken, a wrong echo, or no response in time).
 */
export type Verdict = 'OK' | 'NON-STRICT' | 'INFORMATIONAL' | 'UNIMPLEMENTED' | 'FAILED';

/** Every verdict, in the order reports list them. */
export const verdicts: readonly Verdict[] = ['OK', 'NON-STRICT', 'INFORMATIONAL', 'UNIMPLEMENTED', 'FAILED'];

/** A verdict and the one sentence that says why. */
export interface Judgement {
  readonly verdict: Verdict;
  readonly reason: Message;
}

/** The verdict's catalogue key, for the window and the HTML report. */
export const verdictLabelKeys: Readonly<Record<Verdict, string>> = {
  OK: 'conformance:verdict.ok',
  'NON-STRICT': 'conformance:verdict.nonStrict',
  INFORMATIONAL: 'conformance:verdict.informational',
  UNIMPLEMENTED: 'conformance:verdict.unimplemented',
  FAILED: 'conformance:verdict.failed',
};
