import type { EventRecordJson, HandshakeRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { getHeaderValue } from '../../../shared/protocol/header-list.js';
import { findHandshake } from './capture-scan.js';
import type { CauseId, Confidence, Evidence, Finding, ProbeId } from '../../../shared/contract/doctor-report.js';

/** What a handshake came to, for the handshake and HTTP/1.0 probes. */
export interface HandshakeOutcome {
  /** 'upgraded' (101 with every check passing), 'upgraded-with-problems', 'refused' (non-101), 'no-response', 'not-attempted'. */
  readonly kind: 'upgraded' | 'upgraded-with-problems' | 'refused' | 'no-response' | 'not-attempted';
  readonly statusCode: number | null;
  /** The response status line, when a response came. */
  readonly statusLine?: string;
  readonly summary: string;
  readonly evidence: Evidence[];
  readonly findings: Finding[];
}

// Words in a 400 answer that show the server looked for a WebSocket upgrade and did not find one.
const upgradeWords = /upgrade|websocket|sec-websocket/i;

/**
 * Classifies the handshake of one session into a cause (issue "Path Doctor", DESIGN.md "Path
 * Doctor"): 426, and 400 whose body or headers mention the upgrade, mean the hop-by-hop headers
 * were lost; 2xx means the upgrade was ignored; 3xx a redirect; 403 an origin check; 404 a path;
 * 502/503 no backend; 504 or silence the HTTP/1.0-downgrade signature.
 */
export function classifyHandshake(records: readonly RecordJson[], probe: ProbeId, timeoutMs: number): HandshakeOutcome {
  const handshake = findHandshake(records);
  if (!handshake) return { kind: 'not-attempted', statusCode: null, summary: 'no handshake was sent', evidence: [], findings: [] };
  const response = handshake.response;
  const requestLine = `${handshake.request.method} ${handshake.request.target} HTTP/${handshake.request.httpVersion}`;
  if (!response) return noResponse(records, handshake, probe, timeoutMs, requestLine);
  const statusLine = `HTTP/${response.httpVersion} ${response.statusCode} ${response.reason}`.trim();
  const evidence: Evidence[] = [{ probe, seq: handshake.seq, text: `> ${requestLine}  < ${statusLine}${bodySnippet(response.body)}` }];
  if (response.statusCode === 101) return upgraded(handshake, probe, evidence);
  const finding = (causeId: CauseId, confidence: Confidence, details: Finding['details'] = {}): Finding => ({ causeId, confidence, details: { status: response.statusCode, ...details }, evidence });
  return { kind: 'refused', statusCode: response.statusCode, summary: `${statusLine} instead of 101 Switching Protocols`, statusLine, evidence, findings: [classifyStatus(response.statusCode, response.headers, response.body, handshake, finding)] };
}

function classifyStatus(
  status: number,
  headers: HandshakeRecordJson['request']['headers'],
  body: string | undefined,
  handshake: HandshakeRecordJson,
  finding: (causeId: CauseId, confidence: Confidence, details?: Finding['details']) => Finding,
): Finding {
  if (status === 426) return finding('upgrade-headers-dropped', 'high');
  if (status === 400) {
    const bodyText = body ? Buffer.from(body, 'base64').toString('latin1') : '';
    const showsUpgrade = upgradeWords.test(bodyText) || headers.some(([name]) => /^sec-websocket-version$|^upgrade$/i.test(name));
    return showsUpgrade ? finding('upgrade-headers-dropped', 'high') : finding('websocket-unsupported', 'medium');
  }
  if (status >= 300 && status < 400) return finding('redirect', 'high', { location: getHeaderValue(headers, 'location') ?? '' });
  if (status === 403 || status === 401) return finding('origin-rejected', status === 403 ? 'high' : 'medium', { origin: getHeaderValue(handshake.request.headers, 'origin') ?? '' });
  if (status === 404) return finding('path-not-found', 'high', { path: handshake.request.target });
  if (status === 502 || status === 503) return finding('backend-unavailable', 'high');
  if (status === 504) return finding('gateway-timeout', 'high');
  if (status >= 500) return finding('backend-unavailable', 'low');
  return finding('websocket-unsupported', status >= 200 && status < 300 ? 'high' : 'low');
}

function upgraded(handshake: HandshakeRecordJson, probe: ProbeId, evidence: Evidence[]): HandshakeOutcome {
  const failed = handshake.checks.filter((check) => !check.ok);
  if (failed.length === 0) return { kind: 'upgraded', statusCode: 101, summary: '101 Switching Protocols; Upgrade, Connection and Accept all correct', evidence, findings: [] };
  const findings: Finding[] = [];
  for (const check of failed) {
    const causeId: CauseId | null = check.id === 'accept' ? 'accept-mismatch' : check.id === 'extensions-offered' ? 'extension-not-offered' : check.id === 'subprotocol-offered' ? 'subprotocol-not-offered' : null;
    const checkEvidence: Evidence = { probe, seq: handshake.seq, text: `check ${check.id} failed: ${check.detail}` };
    evidence.push(checkEvidence);
    if (causeId) findings.push({ causeId, confidence: 'high', details: { detail: check.detail }, evidence: [checkEvidence] });
  }
  return { kind: 'upgraded-with-problems', statusCode: 101, summary: `101, but ${failed.map((check) => `${check.id} check failed (${check.detail})`).join('; ')}`, evidence, findings };
}

function noResponse(records: readonly RecordJson[], handshake: HandshakeRecordJson, probe: ProbeId, timeoutMs: number, requestLine: string): HandshakeOutcome {
  const closed = records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'closed');
  const error = records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'error' && record.stage === 'handshake');
  const unreadable = handshake.unreadableResponse;
  const evidence: Evidence[] = [{ probe, seq: handshake.seq, text: `> ${requestLine}  < ${unreadable ? `(unreadable response: ${unreadable.reason})` : '(no response)'}` }];
  if (error) evidence.push({ probe, seq: error.seq, text: String(error.message) });
  if (closed?.how === 'timeout') {
    const seconds = Math.round(timeoutMs / 100) / 10;
    return { kind: 'no-response', statusCode: null, summary: `no answer within ${seconds} s: the connection was accepted and then nothing came back`, evidence, findings: [{ causeId: 'gateway-timeout', confidence: 'high', details: { seconds }, evidence }] };
  }
  const how = closed?.how === 'rst' ? 'reset the connection' : 'closed the connection';
  const message = error ? String(error.message) : 'no response';
  const summary = unreadable === undefined || unreadable.error === 'incomplete-head'
    ? `the peer ${how} without answering${unreadable ? ' in full' : ''}`
    : unreadable.error === 'bad-status-line' ? `${message}: this port does not answer in HTTP` : `${message}: the answer is not valid HTTP`;
  return {
    kind: 'no-response',
    statusCode: null,
    summary,
    evidence,
    findings: [{ causeId: 'websocket-unsupported', confidence: 'medium', details: {}, evidence }],
  };
}

function bodySnippet(base64: string | undefined): string {
  if (!base64) return '';
  const text = Buffer.from(base64, 'base64').toString('latin1').replace(/\s+/g, ' ').trim();
  const cut = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return cut ? `  body: ${JSON.stringify(cut)}` : '';
}
