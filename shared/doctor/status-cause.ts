import type { CauseId, Confidence } from '../contract/doctor-report.js';
import type { HeaderPair } from '../contract/records.js';

/** One cause a non-101 status points at, with how strongly the response supports it. */
export interface StatusCandidate {
  readonly causeId: CauseId;
  readonly confidence: Confidence;
}

// A body that names a missing or wrong Upgrade/Connection header: the backend looked for the upgrade and did not find it.
const namesUpgradeHeader = /(missing|empty|no|invalid|bad|expected)\W+(\w+\W+){0,3}(upgrade|connection)\b|upgrade required|not a websocket (handshake|request)|can "upgrade" only to "websocket"/i;
// A body that complains about the request itself or its HTTP version: what a hop that downgraded to HTTP/1.0 gets
// (python3-websockets answers such a request "did not receive a valid HTTP request").
const namesHttpVersion = /valid HTTP request|HTTP\/1\.0|HTTP\/1\.1 (is )?required|protocol version|HTTP version|unsupported protocol/i;

/**
 * The one table from a handshake's non-101 status to its likely causes, ranked (issue 10: the Doctor
 * and every session's one-line failure word statuses alike; each cause's wording lives in the
 * `doctor` catalogue). A 426 or 400 can come from a proxy that dropped the hop-by-hop Upgrade and
 * Connection headers or from a hop that forwarded the request as HTTP/1.0 (DESIGN.md field notes):
 * both are listed, ranked by what the body says (or a response that advertises the upgrade it
 * wanted: `Upgrade`, `Sec-WebSocket-Version`), and only a path test tells them apart.
 */
export function statusCandidates(status: number, bodyText: string, isUpgradeAdvertised = false): StatusCandidate[] {
  if (status === 426) return [{ causeId: 'upgrade-headers-dropped', confidence: 'medium' }, { causeId: 'http-version-downgraded', confidence: 'low' }];
  if (status === 400) {
    if (namesHttpVersion.test(bodyText)) return [{ causeId: 'http-version-downgraded', confidence: 'medium' }, { causeId: 'upgrade-headers-dropped', confidence: 'low' }];
    if (namesUpgradeHeader.test(bodyText) || isUpgradeAdvertised) return [{ causeId: 'upgrade-headers-dropped', confidence: 'medium' }, { causeId: 'http-version-downgraded', confidence: 'low' }];
    return [{ causeId: 'websocket-unsupported', confidence: 'medium' }, { causeId: 'upgrade-headers-dropped', confidence: 'low' }, { causeId: 'http-version-downgraded', confidence: 'low' }];
  }
  if (status >= 300 && status < 400) return [{ causeId: 'redirect', confidence: 'high' }];
  if (status === 403) return [{ causeId: 'origin-rejected', confidence: 'high' }];
  if (status === 401) return [{ causeId: 'origin-rejected', confidence: 'medium' }];
  if (status === 404) return [{ causeId: 'path-not-found', confidence: 'high' }];
  if (status === 502 || status === 503) return [{ causeId: 'backend-unavailable', confidence: 'high' }];
  if (status === 504) return [{ causeId: 'gateway-timeout', confidence: 'high' }];
  if (status >= 500) return [{ causeId: 'backend-unavailable', confidence: 'low' }];
  return [{ causeId: 'websocket-unsupported', confidence: status >= 200 && status < 300 ? 'high' : 'low' }];
}

/** True when the candidates include both readings of a refused upgrade that only the path test tells apart. */
export function needsPathTest(candidates: readonly { readonly causeId: CauseId }[]): boolean {
  const ids = new Set(candidates.map((candidate) => candidate.causeId));
  return ids.has('upgrade-headers-dropped') && ids.has('http-version-downgraded');
}

/** True when a refusal names the upgrade it wanted (`Upgrade`, `Sec-WebSocket-Version`): the backend looked for a WebSocket handshake. */
export function isUpgradeAdvertised(responseHeaders: readonly HeaderPair[]): boolean {
  return responseHeaders.some(([name]) => /^(sec-websocket-version|upgrade)$/i.test(name));
}
