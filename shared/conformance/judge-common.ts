import { message, type MessageValues } from '../i18n/message.js';
import type { CaseObservation } from './case-observation.js';
import type { Judgement, Verdict } from './verdict.js';

/** A judgement with its reason's catalogue key (written whole at the call site) and values. */
export function judged(verdict: Verdict, key: string, values?: MessageValues): Judgement {
  return { verdict, reason: message(key, values) };
}

/** The time limit in seconds, as reasons print it. */
export function seconds(observation: CaseObservation): number {
  return observation.timeoutMs / 1000;
}

/** The code of a close frame for a reason; 1005 stands for an empty close body (§7.4.1). */
export function closeCodeOf(close: { readonly closeCode?: number } | null): number {
  return close?.closeCode ?? 1005;
}

/**
 * What any case requires of the server's own frames: no violation of RFC 6455/7692 (a masked
 * frame, a reserved opcode, invalid UTF-8 in an echo, an invalid close code, data after its close).
 */
export function serverViolation(observation: CaseObservation): Judgement | null {
  const violation = observation.serverViolations[0];
  if (!violation) return null;
  return judged('FAILED', 'conformance:reason.serverViolation', { section: violation.section, rule: violation.rule });
}

/** The first echo that differs from what was sent. */
export function echoMismatch(observation: CaseObservation): Judgement | null {
  const mismatch = observation.mismatch;
  if (!mismatch) return null;
  const values = { index: mismatch.index + 1, expected: mismatch.expected, received: mismatch.received };
  switch (mismatch.problem) {
    case 'opcode':
      return judged('FAILED', 'conformance:reason.mismatchOpcode', values);
    case 'length':
      return judged('FAILED', 'conformance:reason.mismatchLength', values);
    case 'bytes':
      return judged('FAILED', 'conformance:reason.mismatchBytes', values);
  }
}

/** The server answered something it had to ignore (a later message or ping): it kept processing. */
export function keptProcessing(observation: CaseObservation): Judgement | null {
  if (observation.messagesAfterIgnored > 0) return judged('FAILED', 'conformance:reason.echoedAfterViolation');
  if (observation.pongsForIgnored > 0) return judged('FAILED', 'conformance:reason.pongAfterViolation');
  return null;
}
