import type { CaseObservation } from './case-observation.js';
import type { ConformanceCase } from './conformance-case.js';
import { judgeCloseReply } from './judge-close-reply.js';
import { judgeEcho } from './judge-echo.js';
import { judgeFail } from './judge-fail.js';
import { judgeHandshakeAccepted, judgeHandshakeRefused, judgeOpening } from './judge-handshake.js';
import { judgeInformational } from './judge-informational.js';
import { judged } from './judge-common.js';
import type { Judgement } from './verdict.js';

/** The verdict of one case from what was observed: a pure function of the server's behaviour. */
export function judgeCase(testCase: ConformanceCase, observation: CaseObservation): Judgement {
  const expect = testCase.expect;
  switch (expect.kind) {
    case 'handshake-accepted':
      return judgeHandshakeAccepted(observation);
    case 'handshake-refused':
      return judgeHandshakeRefused(observation, expect);
    default: {
      const opening = judgeOpening(observation, testCase.requiresDeflate === true);
      if (opening) return opening;
      switch (expect.kind) {
        case 'echo':
          return confirmsOffer(testCase, observation, judgeEcho(observation));
        case 'fail':
          return judgeFail(observation, expect);
        case 'close-reply':
          return judgeCloseReply(observation, expect.closeCodes);
        case 'informational':
          return judgeInformational(observation);
      }
    }
  }
}

/**
 * RFC 7692 §7.1.1.1: a server accepts server_no_context_takeover by echoing it. With a single offer
 * that asked for it, an acceptance without it is not what was offered: NON-STRICT at best.
 */
function confirmsOffer(testCase: ConformanceCase, observation: CaseObservation, judgement: Judgement): Judgement {
  const offers = testCase.handshake?.deflate ?? [];
  const handshake = observation.handshake;
  if (judgement.verdict !== 'OK' || offers.length !== 1 || !offers[0]!.serverNoContextTakeover) return judgement;
  if (handshake?.kind !== 'response' || handshake.deflate === null || handshake.deflate.serverNoContextTakeover) return judgement;
  return judged('NON-STRICT', 'conformance:reason.offerNotConfirmed', { parameter: 'server_no_context_takeover' });
}
