import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { findEvent, millis } from './capture-scan.js';
import type { Finding, ProbeResult } from '../../../shared/contract/doctor-report.js';

/** What the connect probes need besides the records. */
export interface ConnectContext {
  readonly url: URL;
  /** host:port actually dialled (connect-to override or the URL). */
  readonly dialAddress: string;
  readonly isSecure: boolean;
  readonly isProxied: boolean;
}

const explanations = {
  dns: 'Resolves the host name in the URL. A name that does not resolve stops everything; a slow lookup adds to every connection.',
  tcp: 'Opens the TCP connection (through the proxy, if one is set). Refused means nothing listens there; a timeout usually means a firewall.',
  tls: 'For wss://: the TLS version, ALPN, and whether the certificate is valid, unexpired and issued for this name.',
} as const;

/** DNS, TCP and TLS from the first session's records (the dialer records each step as an event). */
export function connectProbes(records: readonly RecordJson[], context: ConnectContext): ProbeResult[] {
  const error = records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'error' && record.stage !== 'handshake' && record.stage !== 'websocket');
  return [dnsProbe(records, error, context), tcpProbe(records, error, context), tlsProbe(records, error, context)];
}

function probe(id: 'dns' | 'tcp' | 'tls', title: string, status: ProbeResult['status'], summary: string, durationMs: number, evidence: ProbeResult['evidence'], findings: Finding[] = []): ProbeResult {
  return { id, title, status, summary, durationMs, evidence, explanation: explanations[id], findings };
}

function dnsProbe(records: readonly RecordJson[], error: EventRecordJson | undefined, context: ConnectContext): ProbeResult {
  const dns = findEvent(records, 'dns');
  if (error?.stage === 'dns') {
    const finding: Finding = { causeId: 'dns-failure', confidence: 'high', details: { host: context.url.hostname, hint: String(error.hint ?? '') }, evidence: [{ probe: 'dns', seq: error.seq, text: String(error.message) }] };
    return probe('dns', 'DNS lookup', 'fail', String(error.message), 0, finding.evidence, [finding]);
  }
  if (!dns) {
    const why = context.isProxied ? 'the proxy resolves the name' : `${context.dialAddress.replace(/:\d+$/, '')} is an address; no lookup needed`;
    return probe('dns', 'DNS lookup', 'skip', why, 0, []);
  }
  const addresses = Array.isArray(dns['addresses']) ? (dns['addresses'] as string[]) : [];
  const ms = millis(Number(dns['durationMicros'] ?? 0));
  return probe('dns', 'DNS lookup', ms > 1000 ? 'warn' : 'pass', `${String(dns['host'])} → ${addresses.join(', ')}${ms > 1000 ? ' (slow)' : ''}`, ms, [{ probe: 'dns', seq: dns.seq, text: `dns ${String(dns['host'])} → ${addresses.join(', ')}` }]);
}

function tcpProbe(records: readonly RecordJson[], error: EventRecordJson | undefined, context: ConnectContext): ProbeResult {
  const tcp = records.filter((record): record is EventRecordJson => record.kind === 'event' && record.name === 'tcp-connected');
  if (error?.stage === 'dns') return probe('tcp', 'TCP connection', 'skip', 'no address to connect to', 0, []);
  if (error && (error.stage === 'tcp' || error.stage === 'proxy' || error.stage === 'socket')) {
    const evidence = [{ probe: 'tcp' as const, seq: error.seq, text: `${String(error.message)}${error['code'] ? ` (${String(error['code'])})` : ''}` }];
    const code = String(error['code'] ?? '');
    const causeId = error.stage !== 'tcp' ? null : code === 'ECONNREFUSED' ? 'connection-refused' : code === 'ETIMEDOUT' ? 'connect-timeout' : null;
    const findings: Finding[] = causeId ? [{ causeId, confidence: 'high', details: { address: context.dialAddress }, evidence }] : [];
    return probe('tcp', 'TCP connection', 'fail', String(error.message), 0, evidence, findings);
  }
  if (tcp.length === 0) return probe('tcp', 'TCP connection', 'skip', 'no connection was attempted', 0, []);
  const ms = tcp.reduce((sum, event) => sum + millis(Number(event['durationMicros'] ?? 0)), 0);
  const last = tcp[tcp.length - 1]!;
  const tunnel = findEvent(records, 'proxy-tunnel-established');
  const via = tunnel ? ` through the ${String(tunnel['proxyKind'])} proxy (${String(tunnel['statusLine'])})` : '';
  return probe('tcp', 'TCP connection', 'pass', `connected to ${String(last['remoteAddress'])}:${String(last['remotePort'])}${via}`, ms, tcp.map((event) => ({ probe: 'tcp' as const, seq: event.seq, text: `tcp-connected ${String(event['remoteAddress'])}:${String(event['remotePort'])}` })));
}

function tlsProbe(records: readonly RecordJson[], error: EventRecordJson | undefined, context: ConnectContext): ProbeResult {
  if (!context.isSecure) return probe('tls', 'TLS', 'skip', 'ws:// does not use TLS', 0, []);
  if (error?.stage === 'tls') {
    const evidence = [{ probe: 'tls' as const, seq: error.seq, text: `${String(error.message)}${error['code'] ? ` (${String(error['code'])})` : ''}` }];
    const finding: Finding = { causeId: 'tls-error', confidence: 'high', details: { message: String(error.message).replace(/\.$/, ''), hint: String(error.hint ?? '') }, evidence };
    return probe('tls', 'TLS', 'fail', String(error.message), 0, evidence, [finding]);
  }
  const tls = findEvent(records, 'tls-established');
  if (!tls) return probe('tls', 'TLS', 'skip', 'the connection did not get as far as TLS', 0, []);
  const ms = millis(Number(tls['durationMicros'] ?? 0));
  const certificates = Array.isArray(tls['certificates']) ? (tls['certificates'] as Array<{ subject?: string; validTo?: string }>) : [];
  const leaf = certificates[0];
  const daysLeft = leaf?.validTo ? Math.floor((Date.parse(leaf.validTo) - Date.now()) / 86_400_000) : null;
  const parts = [`${String(tls['protocol'] ?? 'TLS')}`, `ALPN ${String(tls['alpn'] ?? 'none')}`, leaf ? `certificate ${leaf.subject ?? ''} valid until ${leaf.validTo ?? '?'}` : 'no certificate'];
  const evidence = [{ probe: 'tls' as const, seq: tls.seq, text: `tls-established ${parts.join(', ')}` }];
  if (tls['authorized'] === false) {
    return probe('tls', 'TLS', 'warn', `${parts.join(', ')}; NOT verified (${String(tls['authorizationError'])}): --insecure let it through`, ms, evidence);
  }
  if (daysLeft !== null && daysLeft < 14) return probe('tls', 'TLS', 'warn', `${parts.join(', ')}; expires in ${daysLeft} days`, ms, evidence);
  if (tls['protocol'] === 'TLSv1' || tls['protocol'] === 'TLSv1.1') return probe('tls', 'TLS', 'warn', `${parts.join(', ')}; an outdated TLS version`, ms, evidence);
  return probe('tls', 'TLS', 'pass', parts.join(', '), ms, evidence);
}
