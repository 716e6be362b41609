import type { CauseId, Finding } from '../contract/doctor-report.js';
import type { HeaderPair } from '../contract/records.js';
import { message, type Message } from '../i18n/message.js';
import { getHeaderValue } from '../protocol/header-list.js';

/** The values a cause's sentence reads (status, location, origin, path, seconds, …). */
export type CauseDetails = Finding['details'];

const has = (details: CauseDetails, key: string): boolean => details[key] !== undefined && details[key] !== '';

/**
 * Each cause as one sentence, in the `doctor` catalogue keyed by cause id and the variant its
 * details allow (DESIGN.md "Field notes"). The Doctor's causes and every session's one-line
 * handshake failure both word a cause here, so each sentence has one home.
 */
const sentences: Readonly<Record<CauseId, (details: CauseDetails) => Message>> = {
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
  'proxy-tunnel-failed': (d) => message('doctor:cause.proxy-tunnel-failed.summary', d),
  'accept-mismatch': (d) => message('doctor:cause.accept-mismatch.summary', d),
  'extension-not-offered': (d) => message('doctor:cause.extension-not-offered.summary', d),
  'subprotocol-not-offered': (d) => message('doctor:cause.subprotocol-not-offered.summary', d),
  'idle-timeout': (d) => message('doctor:cause.idle-timeout.summary', d),
  'http-version-downgraded': (d) => (has(d, 'requestLine') ? message('doctor:cause.http-version-downgraded.summary', d) : message('doctor:cause.http-version-downgraded.summaryCandidate', d)),
  'no-server-heartbeat': (d) => message('doctor:cause.no-server-heartbeat.summary', d),
  'heartbeat-not-enforced': (d) => message('doctor:cause.heartbeat-not-enforced.summary', d),
  'heartbeat-slower-than-idle-timeout': (d) => message('doctor:cause.heartbeat-slower-than-idle-timeout.summary', d),
};

/** A cause in one sentence, from its details. */
export function causeSentence(causeId: CauseId, details: CauseDetails): Message {
  return sentences[causeId](details);
}

/** A handshake that was answered with a status other than 101: what the sentences of its causes read. */
export interface RefusedHandshake {
  readonly status: number;
  readonly responseHeaders: readonly HeaderPair[];
  readonly requestHeaders: readonly HeaderPair[];
  /** The request target (`/socket?x=1`). */
  readonly target: string;
}

/** The details a status cause's sentence needs: the status, and the Location, the Origin sent or the path where they apply. */
export function statusCauseDetails(causeId: CauseId, refused: RefusedHandshake): CauseDetails {
  return {
    status: refused.status,
    ...(causeId === 'redirect' ? { location: getHeaderValue(refused.responseHeaders, 'location') ?? '' } : {}),
    ...(causeId === 'origin-rejected' ? { origin: getHeaderValue(refused.requestHeaders, 'origin') ?? '' } : {}),
    ...(causeId === 'path-not-found' ? { path: refused.target } : {}),
  };
}
