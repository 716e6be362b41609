import type { Cause, Finding, Fix, HopId } from '../../../shared/contract/doctor-report.js';
import { hopIdSchema } from '../../../shared/contract/doctor-report.js';
import { causeSentence } from '../../../shared/doctor/cause-sentence.js';
import { fixFor } from './fix-catalog.js';

/**
 * Words a finding: the sentence (shared/doctor/cause-sentence.ts), the fix for its cause from
 * `fix-catalog.ts`, and the hop that answered when a header named it.
 */
export function describeFinding(finding: Finding): Cause {
  const hop = hopOf(finding.details);
  const fix: Fix = fixFor(finding.causeId, finding.details, hop);
  return { id: finding.causeId, confidence: finding.confidence, summary: causeSentence(finding.causeId, finding.details), evidence: finding.evidence, fix, hop };
}

function hopOf(details: Finding['details']): HopId | null {
  const parsed = hopIdSchema.safeParse(details['hop']);
  return parsed.success ? parsed.data : null;
}
