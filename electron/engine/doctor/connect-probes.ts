import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { message, verbatim, type Message } from '../../../shared/i18n/message.js';
import { findEvent, millis } from './capture-scan.js';
import type { Finding, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { eventMessage } from '../../../shared/i18n/event-text.js';
import { formatHostPort } from '../net/dial-target.js';
import { describeProxy } from '../net/proxy-failure.js';
import { connectStep, dialError, errorEvidence, failedStep, type ConnectContext, type ConnectStepId } from './connect-step.js';
import { proxyProbe } from './proxy-probe.js';

const titles = { dns: message('doctor:probe.dns.title'), tcp: message('doctor:probe.tcp.title'), tls: message('doctor:probe.tls.title') } as const;

/**
 * DNS, TCP, the proxy's answer (through a forward proxy) and TLS from the first session's records
 * (the dialer records each step as an event), in the order the dial passes them.
 */
export function connectProbes(records: readonly RecordJson[], context: ConnectContext): ProbeResult[] {
  const error = dialError(records);
  const failed = failedStep(error, records, context);
  const probes = [dnsProbe(records, error, failed, context), tcpProbe(records, error, failed, context)];
  if (context.proxy) probes.push(proxyProbe(records, error, failed, context.proxy, context.dialAddress));
  probes.push(tlsProbe(records, error, failed, context));
  return probes;
}

function probe(id: 'dns' | 'tcp' | 'tls', status: ProbeResult['status'], summary: Message, durationMs: number, evidence: ProbeResult['evidence'], findings: Finding[] = []): ProbeResult {
  return connectStep(id, titles[id], status, summary, durationMs, evidence, findings);
}

// Through a proxy, the lookup is of the proxy's host; the server's name is the proxy's to resolve (or, for SOCKS without remote DNS, part of the proxy step).
function dnsProbe(records: readonly RecordJson[], error: EventRecordJson | undefined, failed: ConnectStepId | null, context: ConnectContext): ProbeResult {
  const proxy = context.proxy;
  const dns = records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'dns' && (!proxy || record['peer'] === 'proxy'));
  if (error && failed === 'dns') {
    const finding: Finding = { causeId: 'dns-failure', confidence: 'high', details: { host: proxy ? proxy.host : context.url.hostname, hint: eventMessage(error, 'hint') }, evidence: errorEvidence('dns', error) };
    return probe('dns', 'fail', eventMessage(error, 'message'), 0, finding.evidence, [finding]);
  }
  if (!dns) {
    const why = proxy ? message('doctor:summary.dns.proxyIsAddress', { host: proxy.host }) : message('doctor:summary.dns.isAddress', { host: context.dialAddress.replace(/:\d+$/, '') });
    return probe('dns', 'skip', why, 0, []);
  }
  const addresses = Array.isArray(dns['addresses']) ? (dns['addresses'] as string[]) : [];
  const ms = millis(Number(dns['durationMicros'] ?? 0));
  const values = { host: String(dns['host']), addresses: addresses.join(', ') };
  const isSlow = ms > 1000;
  const keys = proxy ? (['doctor:summary.dns.proxyResolvedSlowly', 'doctor:summary.dns.proxyResolved'] as const) : (['doctor:summary.dns.resolvedSlowly', 'doctor:summary.dns.resolved'] as const);
  return probe('dns', isSlow ? 'warn' : 'pass', message(isSlow ? keys[0] : keys[1], values), ms, [{ probe: 'dns', seq: dns.seq, text: verbatim(`dns ${values.host} → ${values.addresses}`) }]);
}

// Through a proxy, the connection is to the proxy: what it then does with the CONNECT or SOCKS request is the proxy step's.
function tcpProbe(records: readonly RecordJson[], error: EventRecordJson | undefined, failed: ConnectStepId | null, context: ConnectContext): ProbeResult {
  const proxy = context.proxy;
  const tcp = records.filter((record): record is EventRecordJson => record.kind === 'event' && record.name === 'tcp-connected');
  if (failed === 'dns') return probe('tcp', 'skip', message('doctor:summary.tcp.noAddress'), 0, []);
  if (error && failed === 'tcp') {
    const evidence = errorEvidence('tcp', error);
    const code = String(error['code'] ?? '');
    const causeId = error.stage !== 'tcp' ? null : code === 'ECONNREFUSED' ? 'connection-refused' : code === 'ETIMEDOUT' ? 'connect-timeout' : null;
    const address = proxy ? message('failure:proxy.address', { address: formatHostPort(proxy.host, proxy.port) }) : context.dialAddress;
    const findings: Finding[] = causeId ? [{ causeId, confidence: 'high', details: { address }, evidence }] : [];
    return probe('tcp', 'fail', eventMessage(error, 'message'), 0, evidence, findings);
  }
  if (tcp.length === 0) return probe('tcp', 'skip', message('doctor:summary.tcp.notAttempted'), 0, []);
  const ms = tcp.reduce((sum, event) => sum + millis(Number(event['durationMicros'] ?? 0)), 0);
  const last = tcp[tcp.length - 1]!;
  const address = formatHostPort(String(last['remoteAddress']), Number(last['remotePort']));
  const summary = proxy ? message('doctor:summary.tcp.connectedToProxy', { proxy: describeProxy(proxy), address }) : message('doctor:summary.tcp.connected', { address });
  return probe('tcp', 'pass', summary, ms, tcp.map((event) => ({ probe: 'tcp' as const, seq: event.seq, text: verbatim(`tcp-connected ${String(event['remoteAddress'])}:${String(event['remotePort'])}`) })));
}

function tlsProbe(records: readonly RecordJson[], error: EventRecordJson | undefined, failed: ConnectStepId | null, context: ConnectContext): ProbeResult {
  if (!context.isSecure) return probe('tls', 'skip', message('doctor:summary.tls.notUsed'), 0, []);
  if (error && failed === 'tls') {
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
