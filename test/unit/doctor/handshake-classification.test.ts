import { describe, expect, it } from 'vitest';
import { english } from '../../harness/english.js';
import type { EventRecordJson, HandshakeRecordJson, HeaderPair, RecordJson } from '../../../shared/contract/records.js';
import { classifyHandshake } from '../../../electron/engine/doctor/handshake-classification.js';

const request: HandshakeRecordJson['request'] = {
  method: 'GET',
  target: '/socket',
  httpVersion: '1.1',
  headers: [['Host', 'a'], ['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='], ['Origin', 'https://app.example']],
  raw: '',
};

function answered(statusCode: number, headers: HeaderPair[] = [], body?: string, checks: HandshakeRecordJson['checks'] = []): RecordJson[] {
  const handshake: HandshakeRecordJson = {
    kind: 'handshake',
    seq: 3,
    atMicros: 1000,
    request,
    response: { httpVersion: '1.1', statusCode, reason: 'Reason', headers, raw: '', ...(body ? { body: Buffer.from(body).toString('base64') } : {}) },
    checks,
  };
  return [handshake];
}

function unanswered(how: EventRecordJson['how']): RecordJson[] {
  const handshake: HandshakeRecordJson = { kind: 'handshake', seq: 2, atMicros: 1000, request, response: null, checks: [] };
  const closed: EventRecordJson = { kind: 'event', seq: 4, atMicros: 2000, name: 'closed', by: how === 'timeout' ? 'client' : 'path', how };
  return [handshake, closed];
}

const causeOf = (records: RecordJson[]): string | undefined => classifyHandshake(records, 'handshake', 10_000).findings[0]?.causeId;

describe('classifyHandshake', () => {
  it.each([
    [426, 'upgrade-headers-dropped'],
    [200, 'websocket-unsupported'],
    [301, 'redirect'],
    [308, 'redirect'],
    [403, 'origin-rejected'],
    [404, 'path-not-found'],
    [502, 'backend-unavailable'],
    [503, 'backend-unavailable'],
    [504, 'gateway-timeout'],
  ])('HTTP %i → %s', (status, cause) => {
    expect(causeOf(answered(status))).toBe(cause);
  });

  const ranked = (records: RecordJson[]): string[] => classifyHandshake(records, 'handshake', 10_000).findings.map((finding) => `${finding.causeId}:${finding.confidence}`);

  it('a 426 or 400 names both readings, dropped upgrade headers and an HTTP/1.0 downgrade, ranked by the body; never one with high confidence', () => {
    expect(ranked(answered(426, [['Upgrade', 'websocket']], 'Failed to open a WebSocket connection: empty Connection header.'))).toEqual(['upgrade-headers-dropped:medium', 'http-version-downgraded:low']);
    expect(ranked(answered(400, [], 'Missing or invalid Upgrade header'))).toEqual(['upgrade-headers-dropped:medium', 'http-version-downgraded:low']);
    expect(ranked(answered(400, [['Sec-WebSocket-Version', '13']]))).toEqual(['upgrade-headers-dropped:medium', 'http-version-downgraded:low']);
    // What python3-websockets 10.4 answers a handshake sent as HTTP/1.0 (recorded from the real server).
    expect(ranked(answered(400, [['Server', 'Python/3.11 websockets/10.4']], 'Failed to open a WebSocket connection: did not receive a valid HTTP request.\n'))).toEqual(['http-version-downgraded:medium', 'upgrade-headers-dropped:low']);
    expect(ranked(answered(400, [], 'Bad Request'))).toEqual(['websocket-unsupported:medium', 'upgrade-headers-dropped:low', 'http-version-downgraded:low']);
  });

  it('a redirect carries its Location, an origin refusal the Origin sent, a 404 the path', () => {
    expect(classifyHandshake(answered(302, [['Location', 'wss://b/socket']]), 'handshake', 1).findings[0]!.details).toMatchObject({ location: 'wss://b/socket' });
    expect(classifyHandshake(answered(403), 'handshake', 1).findings[0]!.details).toMatchObject({ origin: 'https://app.example' });
    expect(classifyHandshake(answered(404), 'handshake', 1).findings[0]!.details).toMatchObject({ path: '/socket' });
  });

  it('evidence points at the handshake record and quotes the status and body', () => {
    const outcome = classifyHandshake(answered(426, [], 'Upgrade Required'), 'handshake', 1);
    expect(outcome.evidence[0]).toMatchObject({ probe: 'handshake', seq: 3 });
    expect(english(outcome.evidence[0]!.text)).toBe('> GET /socket HTTP/1.1  < HTTP/1.1 426 Reason  body: "Upgrade Required"');
  });

  it('no answer before the limit is the HTTP/1.0-downgrade signature; a dropped connection is not', () => {
    const timedOut = classifyHandshake(unanswered('timeout'), 'handshake', 2_000);
    expect(timedOut.findings[0]).toMatchObject({ causeId: 'gateway-timeout', details: { seconds: 2 } });
    expect(causeOf(unanswered('fin'))).toBe('websocket-unsupported');
  });

  it('a 101 with failed checks names accept, extension and subprotocol problems', () => {
    const checks = [
      { id: 'status-101', ok: true, detail: '' },
      { id: 'accept', ok: false, detail: 'expected X, got Y' },
      { id: 'extensions-offered', ok: false, detail: 'the server accepted foo, which was not offered' },
      { id: 'subprotocol-offered', ok: false, detail: 'chat was not offered' },
    ];
    const outcome = classifyHandshake(answered(101, [], undefined, checks), 'handshake', 1);
    expect(outcome.kind).toBe('upgraded-with-problems');
    expect(outcome.findings.map((finding) => finding.causeId)).toEqual(['accept-mismatch', 'extension-not-offered', 'subprotocol-not-offered']);
  });

  it('a clean 101 has no finding', () => {
    expect(classifyHandshake(answered(101, [], undefined, [{ id: 'accept', ok: true, detail: '' }]), 'handshake', 1)).toMatchObject({ kind: 'upgraded', findings: [] });
  });
});
