import type { EventRecordJson, HandshakeRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { isUpgradeAdvertised, statusCandidates } from '../../../shared/doctor/status-cause.js';
import { statusCauseDetails } from '../../../shared/doctor/cause-sentence.js';
import { message, verbatim, type Message } from '../../../shared/i18n/message.js';
import { findHandshake } from './capture-scan.js';
import type { CauseId, Evidence, Finding, ProbeId } from '../../../shared/contract/doctor-report.js';
import { hopSignatures, type HopSignature } from './hop-signatures.js';
import { checkDetail, eventMessage } from '../../../shared/i18n/event-text.js';
import { hopNameKeys } from '../../../shared/doctor/names.js';

/** What a handshake came to, for the handshake and HTTP/1.0 probes. */
export interface HandshakeOutcome {
  /** 'upgraded' (101 with every check passing), 'upgraded-with-problems', 'refused' (non-101), 'no-response', 'not-attempted'. */
  readonly kind: 'upgraded' | 'upgraded-with-problems' | 'refused' | 'no-response' | 'not-attempted';
  readonly statusCode: number | null;
  /** The response status line, when a response came. */
  readonly statusLine?: string;
  readonly summary: Message;
  readonly evidence: Evidence[];
  readonly findings: Finding[];
  /** The hops the response names (Server, Via, CF-RAY, EagleId, …), the one that answered first. */
  readonly hops: HopSignature[];
}

/**
 * Classifies the handshake of one session into its likely causes (DESIGN.md "Path Doctor"), through
 * the one status table in shared/doctor/status-cause.ts: a 426 or 400 lists dropped upgrade headers
 * and an HTTP/1.0 downgrade, ranked by what the body says; 2xx means the upgrade was ignored; 3xx a
 * redirect; 403 an origin check; 404 a path; 502/503 no backend; 504 or silence the
 * HTTP/1.0-downgrade signature. The hop that answered is named when its headers show it.
 */
export function classifyHandshake(records: readonly RecordJson[], probe: ProbeId, timeoutMs: number): HandshakeOutcome {
  const handshake = findHandshake(records);
  if (!handshake) return { kind: 'not-attempted', statusCode: null, summary: message('doctor:summary.handshake.notSent'), evidence: [], findings: [], hops: [] };
  const response = handshake.response;
  const requestLine = `${handshake.request.method} ${handshake.request.target} HTTP/${handshake.request.httpVersion}`;
  if (!response) return noResponse(records, handshake, probe, timeoutMs, requestLine);
  const statusLine = `HTTP/${response.httpVersion} ${response.statusCode} ${response.reason}`.trim();
  const bodyText = response.body ? Buffer.from(response.body, 'base64').toString('latin1') : '';
  const hops = hopSignatures(response.headers, bodyText);
  const evidence: Evidence[] = [{ probe, seq: handshake.seq, text: verbatim(`> ${requestLine}  < ${statusLine}${bodySnippet(bodyText)}`) }];
  for (const hop of hops) evidence.push({ probe, seq: handshake.seq, text: message('doctor:evidence.hopHeader', { hop: message(hopNameKeys[hop.id]), evidence: hop.evidence }) });
  if (response.statusCode === 101) return upgraded(handshake, probe, evidence, hops);
  const answering = hops[0];
  const refused = { status: response.statusCode, responseHeaders: response.headers, requestHeaders: handshake.request.headers, target: handshake.request.target };
  const details = (causeId: CauseId): Finding['details'] => ({
    ...statusCauseDetails(causeId, refused),
    ...(answering ? { hop: answering.id, hopEvidence: answering.evidence, hopRole: answering.role } : {}),
  });
  const findings = statusCandidates(response.statusCode, bodyText, isUpgradeAdvertised(response.headers)).map(({ causeId, confidence }): Finding => ({ causeId, confidence, details: details(causeId), evidence }));
  return { kind: 'refused', statusCode: response.statusCode, summary: message('doctor:summary.handshake.refused', { statusLine }), statusLine, evidence, findings, hops };
}

function upgraded(handshake: HandshakeRecordJson, probe: ProbeId, evidence: Evidence[], hops: HopSignature[]): HandshakeOutcome {
  const failed = handshake.checks.filter((check) => !check.ok);
  if (failed.length === 0) return { kind: 'upgraded', statusCode: 101, summary: message('doctor:summary.handshake.upgraded'), evidence, findings: [], hops };
  const findings: Finding[] = [];
  for (const check of failed) {
    const causeId: CauseId | null = check.id === 'accept' ? 'accept-mismatch' : check.id === 'extensions-offered' ? 'extension-not-offered' : check.id === 'subprotocol-offered' ? 'subprotocol-not-offered' : null;
    const checkEvidence: Evidence = { probe, seq: handshake.seq, text: message('doctor:evidence.checkFailed', { check: check.id, detail: checkDetail(check) }) };
    evidence.push(checkEvidence);
    if (causeId) findings.push({ causeId, confidence: 'high', details: { detail: checkDetail(check) }, evidence: [checkEvidence] });
  }
  const problems = failed.map((check) => message('doctor:summary.handshake.checkFailed', { check: check.id, detail: checkDetail(check) }));
  return { kind: 'upgraded-with-problems', statusCode: 101, summary: message('doctor:summary.handshake.upgradedWithProblems', { problems }), evidence, findings, hops };
}

function noResponse(records: readonly RecordJson[], handshake: HandshakeRecordJson, probe: ProbeId, timeoutMs: number, requestLine: string): HandshakeOutcome {
  const closed = records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'closed');
  const error = records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'error' && record.stage === 'handshake');
  const unreadable = handshake.unreadableResponse;
  const evidenceText = unreadable
    ? message('doctor:evidence.unreadableResponse', { requestLine, reason: unreadable.reason })
    : message('doctor:evidence.noResponse', { requestLine });
  const evidence: Evidence[] = [{ probe, seq: handshake.seq, text: evidenceText }];
  if (error) evidence.push({ probe, seq: error.seq, text: eventMessage(error, 'message') });
  if (closed?.how === 'timeout') {
    const seconds = Math.round(timeoutMs / 100) / 10;
    return { kind: 'no-response', statusCode: null, summary: message('doctor:summary.handshake.timedOut', { seconds }), evidence, findings: [{ causeId: 'gateway-timeout', confidence: 'high', details: { seconds }, evidence }], hops: [] };
  }
  const errorText = error ? eventMessage(error, 'message') : message('doctor:summary.handshake.noResponse');
  // A head cut short is a peer that stopped answering; a complete but malformed head is an answer that is not HTTP.
  const summary = unreadable === undefined || unreadable.error === 'incomplete-head'
    ? closed?.how === 'rst' ? message('doctor:summary.handshake.reset') : message('doctor:summary.handshake.closed')
    : unreadable.error === 'bad-status-line' ? message('doctor:summary.handshake.notHttp', { error: errorText }) : message('doctor:summary.handshake.invalidHttp', { error: errorText });
  return { kind: 'no-response', statusCode: null, summary, evidence, findings: [{ causeId: 'websocket-unsupported', confidence: 'medium', details: {}, evidence }], hops: [] };
}

function bodySnippet(bodyText: string): string {
  const text = bodyText.replace(/\s+/g, ' ').trim();
  const cut = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return cut ? `  body: ${JSON.stringify(cut)}` : '';
}
