import type { Cause, CauseId, Finding, Fix, HopId } from '../../../shared/contract/doctor-report.js';
import { hopIdSchema } from '../../../shared/contract/doctor-report.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import { fixFor } from './fix-catalog.js';

type Details = Finding['details'];

const has = (details: Details, key: string): boolean => details[key] !== undefined && details[key] !== '';

/**
 * Each cause as a message (the sentence lives in the `doctor` catalogue, keyed by cause id and the
 * variant its details allow), with the fix from `fix-catalog.ts` (DESIGN.md "Field notes").
 */
const sentences: Readonly<Record<CauseId, (details: Details) => Message>> = {
  'upgrade-headers-dropped': (d) => (has(d, 'status') ? message('doctor:cause.upgrade-headers-dropped.summary', d) : message('doctor:cause.upgrade-headers-dropped.summaryPath')),
  'websocket-unsupported': (d) => (has(d, 'status') ? message('doctor:cause.websocket-unsupported.summary', d) : message('doctor:cause.websocket-unsupported.summaryNoResponse')),
  redirect: (d) => (has(d, 'location') ? message('doctor:cause.redirect.summary', d) : message('doctor:cause.redirect.summaryNoLocation', d)),
  'origin-rejected': (d) => (has(d, 'origin') ? message('doctor:cause.origin-rejected.summary', d) : message('doctor:cause.origin-rejected.summaryNoOrigin', d)),
  'path-not-found': (d) => message('doctor:cause.path-not-found.summary', d),
  'backend-unavailable': (d) => message('doctor:cause.backend-unavailable.summary', d),
  'gateway-timeout': (d) => (has(d, 'status') ? message('doctor:cause.gateway-timeout.summary', d) : message('doctor:cause.gateway-timeout.summaryNoResponse', d)),
  'tls-error': (d) => message('doctor:cause.tls-error.summary', d),
  'dns-failure': (d) => message('doctor:cause.dns-failure.summary', d),
  'connection-refused': (d) => message('doctor:cause.connection-refused.summary', d),
  'connect-timeout': (d) => message('doctor:cause.connect-timeout.summary', d),
  'accept-mismatch': (d) => message('doctor:cause.accept-mismatch.summary', d),
  'extension-not-offered': (d) => message('doctor:cause.extension-not-offered.summary', d),
  'subprotocol-not-offered': (d) => message('doctor:cause.subprotocol-not-offered.summary', d),
  'idle-timeout': (d) => message('doctor:cause.idle-timeout.summary', d),
  'no-server-heartbeat': (d) => message('doctor:cause.no-server-heartbeat.summary', d),
  'heartbeat-not-enforced': (d) => message('doctor:cause.heartbeat-not-enforced.summary', d),
  'heartbeat-slower-than-idle-timeout': (d) => message('doctor:cause.heartbeat-slower-than-idle-timeout.summary', d),
  'http-version-downgraded': (d) => (has(d, 'requestLine') ? message('doctor:cause.http-version-downgraded.summary', d) : message('doctor:cause.http-version-downgraded.summaryCandidate', d)),
};

/** Words a finding: the sentence, the fix for its cause, and the hop that answered when a header named it. */
export function describeFinding(finding: Finding): Cause {
  const hop = hopOf(finding.details);
  const fix: Fix = fixFor(finding.causeId, finding.details, hop);
  return { id: finding.causeId, confidence: finding.confidence, summary: sentences[finding.causeId](finding.details), evidence: finding.evidence, fix, hop };
}

function hopOf(details: Details): HopId | null {
  const parsed = hopIdSchema.safeParse(details['hop']);
  return parsed.success ? parsed.data : null;
}
