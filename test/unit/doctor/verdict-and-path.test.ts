import { describe, expect, it } from 'vitest';
import type { Finding, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { recommendHeartbeat } from '../../../electron/engine/doctor/idle-probe.js';
import type { PathComparison } from '../../../shared/contract/doctor-report.js';
import { compareHeaders, idleFindings, upgradeFindings } from '../../../electron/engine/doctor/path-compare.js';
import { rankCauses, verdictMessage } from '../../../electron/engine/doctor/verdict.js';
import { verbatim } from '../../../shared/i18n/message.js';
import { english } from '../../harness/english.js';

const finding = (causeId: Finding['causeId'], confidence: Finding['confidence'], details: Finding['details'] = {}): Finding => ({ causeId, confidence, details, evidence: [{ probe: 'handshake', seq: 1, text: verbatim(causeId) }] });

describe('rankCauses and the verdict', () => {
  it('puts high confidence first, then the earliest hop, and merges repeated causes', () => {
    const causes = rankCauses([
      finding('idle-timeout', 'high', { seconds: 3, how: 'FIN', heartbeatSeconds: 1 }),
      finding('websocket-unsupported', 'low', { status: 418 }),
      finding('upgrade-headers-dropped', 'high', { status: 426 }),
      finding('upgrade-headers-dropped', 'medium'),
    ]);
    expect(causes.map((cause) => cause.id)).toEqual(['upgrade-headers-dropped', 'idle-timeout', 'websocket-unsupported']);
    expect(causes[0]!.evidence).toHaveLength(2);
    expect(english(verdictMessage(causes, [], []))).toBe(english(causes[0]!.summary));
    expect(english(causes[0]!.summary)).toContain('answered 426');
  });

  it('every cause has a plain sentence and a fix', () => {
    const ids: Finding['causeId'][] = [
      'upgrade-headers-dropped', 'websocket-unsupported', 'redirect', 'origin-rejected', 'path-not-found', 'backend-unavailable', 'gateway-timeout', 'tls-error',
      'dns-failure', 'connection-refused', 'connect-timeout', 'accept-mismatch', 'extension-not-offered', 'subprotocol-not-offered', 'idle-timeout', 'http-version-downgraded',
    ];
    for (const cause of rankCauses(ids.map((id) => finding(id, 'high')))) {
      expect(english(cause.summary), cause.id).toMatch(/^[A-Z].*\.$/);
      expect(english(cause.fix.summary).length, cause.id).toBeGreaterThan(20);
    }
  });

  it('a healthy run says what went through', () => {
    const passed = (id: ProbeResult['id']): ProbeResult => ({ id, title: verbatim(id), status: 'pass', summary: verbatim(''), durationMs: 1, evidence: [], explanation: null, findings: [] });
    expect(english(verdictMessage([], [passed('handshake'), passed('ping'), passed('idle')], []))).toBe('No problem found: the handshake, a ping, and a silent connection all went through.');
  });

  it('recommends a heartbeat at half the measured cut, at least 1 s', () => {
    expect(recommendHeartbeat(60)).toBe(30);
    expect(recommendHeartbeat(3)).toBe(1);
    expect(recommendHeartbeat(0.4)).toBe(1);
  });
});

describe('the path comparison', () => {
  it('finds dropped, added and rewritten headers by case-insensitive name', () => {
    const changes = compareHeaders(
      [['Host', 'proxy:80'], ['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Key', 'k']],
      [['host', 'backend:9000'], ['Connection', 'close'], ['Sec-WebSocket-Key', 'k'], ['X-Forwarded-For', '10.0.0.1']],
    );
    expect(changes).toEqual([
      { change: 'rewritten', name: 'Host', sent: 'proxy:80', received: 'backend:9000' },
      { change: 'dropped', name: 'Upgrade', sent: 'websocket', received: null },
      { change: 'rewritten', name: 'Connection', sent: 'Upgrade', received: 'close' },
      { change: 'added', name: 'X-Forwarded-For', sent: null, received: '10.0.0.1' },
    ]);
  });

  const comparison = (overrides: Partial<PathComparison>): PathComparison => ({
    sentRequestLine: 'GET / HTTP/1.1',
    receivedRequestLine: 'GET / HTTP/1.1',
    httpVersion: { sent: '1.1', received: '1.1' },
    headers: [],
    frames: [],
    ends: [{ side: 'client', description: verbatim('close frame from the client with code 1000'), sawCloseFrame: true, idleSeconds: null }],
    peer: '127.0.0.1:1',
    ...overrides,
  });

  it('turns a lost Upgrade, an HTTP/1.0 request line and an idle cut into causes', () => {
    const path = comparison({
      receivedRequestLine: 'GET / HTTP/1.0',
      httpVersion: { sent: '1.1', received: '1.0' },
      headers: [{ change: 'dropped', name: 'Upgrade', sent: 'websocket', received: null }],
      ends: [{ side: 'client', description: verbatim('TCP FIN without a close frame'), sawCloseFrame: false, idleSeconds: 3.01 }],
    });
    const findings = [...upgradeFindings(path), ...idleFindings(path, 10)];
    expect(findings.map((each) => each.causeId)).toEqual(['upgrade-headers-dropped', 'http-version-downgraded', 'idle-timeout']);
    expect(findings[1]!.details).toMatchObject({ requestLine: 'GET / HTTP/1.0' });
  });

  it('reports no idle cut when the idle wait did not run, and nothing for an unchanged path', () => {
    const cut = comparison({ ends: [{ side: 'client', description: verbatim('TCP FIN without a close frame'), sawCloseFrame: false, idleSeconds: 0.01 }] });
    expect(idleFindings(cut, null)).toEqual([]);
    expect(idleFindings(comparison({}), 10)).toEqual([]);
    expect(upgradeFindings(comparison({}))).toEqual([]);
  });
});
