import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { message, verbatim, type Message } from '../../../shared/i18n/message.js';
import { findEvent, millis } from './capture-scan.js';
import type { Finding, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { eventMessage } from '../../../shared/i18n/event-text.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { formatHostPort, parseDialTarget } from '../net/dial-target.js';

/** What the connect probes need besides the records. */
export interface ConnectContext {
  readonly url: URL;
  /** host:port actually dialled (connect-to override or the URL). */
  readonly dialAddress: string;
  /** The host of `dialAddress`, without IPv6 brackets. */
  readonly dialHost: string;
  readonly isSecure: boolean;
  readonly isProxied: boolean;
}

/** The connect context of a probe session dialled with `options`. */
export function connectContext(options: SessionOptions): ConnectContext {
  const target = parseDialTarget(options.url, options.connectTo);
  return { url: new URL(options.url), dialAddress: formatHostPort(target.dialHost, target.dialPort), dialHost: target.dialHost, isSecure: target.isSecure, isProxied: options.proxy.kind !== 'none' };
}

const titles = { dns: message('doctor:probe.dns.title'), tcp: message('doctor:probe.tcp.title'), tls: message('doctor:probe.tls.title') } as const;
const explanations = { dns: message('doctor:probe.dns.explanation'), tcp: message('doctor:probe.tcp.explanation'), tls: message('doctor:probe.tls.explanation') } as const;

/** DNS, TCP and TLS from the first session's records (the dialer records each step as an event). */
export function connectProbes(records: readonly RecordJson[], context: ConnectContext): ProbeResult[] {
  const error = records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'error' && record.stage !== 'handshake' && record.stage !== 'websocket');
  return [dnsProbe(records, error, context), tcpProbe(records, error, context), tlsProbe(records, error, context)];
}

function probe(id: 'dns' | 'tcp' | 'tls', status: ProbeResult['status'], summary: Message, durationMs: number, evidence: ProbeResult['evidence'], findings: Finding[] = []): ProbeResult {
  return { id, title: titles[id], status, summary, durationMs, evidence, explanation: explanations[id], findings };
}

function errorEvidence(probeId: 'dns' | 'tcp' | 'tls', error: EventRecordJson): ProbeResult['evidence'] {
  const text = error['code'] ? message('doctor:evidence.errorWithCode', { error: eventMessage(error, 'message'), code: String(error['code']) }) : eventMessage(error, 'message');
  return [{ probe: probeId, seq: error.seq, text }];
}

function dnsProbe(records: readonly RecordJson[], error: EventRecordJson | undefined, context: ConnectContext): ProbeResult {
  const dns = findEvent(records, 'dns');
  if (error?.stage === 'dns') {
    const finding: Finding = { causeId: 'dns-failure', confidence: 'high', details: { host: context.url.hostname, hint: eventMessage(error, 'hint') }, evidence: errorEvidence('dns', error) };
    return probe('dns', 'fail', eventMessage(error, 'message'), 0, finding.evidence, [finding]);
  }
  if (!dns) {
    const why = context.isProxied ? message('doctor:summary.dns.byProxy') : message('doctor:summary.dns.isAddress', { host: context.dialAddress.replace(/:\d+$/, '') });
    return probe('dns', 'skip', why, 0, []);
  }
  const addresses = Array.isArray(dns['addresses']) ? (dns['addresses'] as string[]) : [];
  const ms = millis(Number(dns['durationMicros'] ?? 0));
  const values = { host: String(dns['host']), addresses: addresses.join(', ') };
  const isSlow = ms > 1000;
  return probe('dns', isSlow ? 'warn' : 'pass', message(isSlow ? 'doctor:summary.dns.resolvedSlowly' : 'doctor:summary.dns.resolved', values), ms, [{ probe: 'dns', seq: dns.seq, text: verbatim(`dns ${values.host} → ${values.addresses}`) }]);
}

function tcpProbe(records: readonly RecordJson[], error: EventRecordJson | undefined, context: ConnectContext): ProbeResult {
  const tcp = records.filter((record): record is EventRecordJson => record.kind === 'event' && record.name === 'tcp-connected');
  if (error?.stage === 'dns') return probe('tcp', 'skip', message('doctor:summary.tcp.noAddress'), 0, []);
  // A `settings` refusal (a secret of the saved settings this process cannot open) stops before TCP: the TCP probe fails with its sentence, so the report says why nothing was dialled.
  if (error && (error.stage === 'tcp' || error.stage === 'proxy' || error.stage === 'socket' || error.stage === 'settings')) {
    const evidence = errorEvidence('tcp', error);
    const code = String(error['code'] ?? '');
    const causeId = error.stage !== 'tcp' ? null : code === 'ECONNREFUSED' ? 'connection-refused' : code === 'ETIMEDOUT' ? 'connect-timeout' : null;
    const findings: Finding[] = causeId ? [{ causeId, confidence: 'high', details: { address: context.dialAddress }, evidence }] : [];
    return probe('tcp', 'fail', eventMessage(error, 'message'), 0, evidence, findings);
  }
  if (tcp.length === 0) return probe('tcp', 'skip', message('doctor:summary.tcp.notAttempted'), 0, []);
  const ms = tcp.reduce((sum, event) => sum + millis(Number(event['durationMicros'] ?? 0)), 0);
  const last = tcp[tcp.length - 1]!;
  const tunnel = findEvent(records, 'proxy-tunnel-established');
  const address = `${String(last['remoteAddress'])}:${String(last['remotePort'])}`;
  const summary = tunnel
    ? message('doctor:summary.tcp.connectedThroughProxy', { address, proxyKind: String(tunnel['proxyKind']), statusLine: String(tunnel['statusLine']) })
    : message('doctor:summary.tcp.connected', { address });
  return probe('tcp', 'pass', summary, ms, tcp.map((event) => ({ probe: 'tcp' as const, seq: event.seq, text: verbatim(`tcp-connected ${String(event['remoteAddress'])}:${String(event['remotePort'])}`) })));
}

function tlsProbe(records: readonly RecordJson[], error: EventRecordJson | undefined, context: ConnectContext): ProbeResult {
  if (!context.isSecure) return probe('tls', 'skip', message('doctor:summary.tls.notUsed'), 0, []);
  if (error?.stage === 'tls') {
    const evidence = errorEvidence('tls', error);
    const finding: Finding = { causeId: 'tls-error', confidence: 'high', details: { message: eventMessage(error, 'message'), hint: eventMessage(error, 'hint') }, evidence };
    return probe('tls', 'fail', eventMessage(error, 'message'), 0, evidence, [finding]);
  }
  const tls = findEvent(records, 'tls-established');
  if (!tls) return probe('tls', 'skip', message('doctor:summary.tls.notReached'), 0, []);
  const ms = millis(Number(tls['durationMicros'] ?? 0));
  const certificates = Array.isArray(tls['peerCertificates']) ? (tls['peerCertificates'] as Array<{ subject?: string; validTo?: string }>) : [];
  const leaf = certificates[0];
  const daysLeft = leaf?.validTo ? Math.floor((Date.parse(leaf.validTo) - Date.now()) / 86_400_000) : null;
  const values = { protocol: String(tls['protocol'] ?? 'TLS'), alpn: String(tls['alpnProtocol'] ?? 'none'), subject: leaf?.subject ?? '', validTo: leaf?.validTo ?? '?' };
  const established = message(leaf ? 'doctor:summary.tls.established' : 'doctor:summary.tls.establishedWithoutCertificate', values);
  const evidence = [{ probe: 'tls' as const, seq: tls.seq, text: message('doctor:evidence.tlsEstablished', { summary: established }) }];
  if (tls['isAuthorized'] === false) {
    return probe('tls', 'warn', message('doctor:summary.tls.notVerified', { established, error: String(tls['authorizationError']) }), ms, evidence);
  }
  if (daysLeft !== null && daysLeft < 14) return probe('tls', 'warn', message('doctor:summary.tls.expiresSoon', { established, count: daysLeft }), ms, evidence);
  if (tls['protocol'] === 'TLSv1' || tls['protocol'] === 'TLSv1.1') return probe('tls', 'warn', message('doctor:summary.tls.outdated', { established }), ms, evidence);
  return probe('tls', 'pass', established, ms, evidence);
}
