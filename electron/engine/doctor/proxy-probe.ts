import type { Finding, ProbeResult } from '../../../shared/contract/doctor-report.js';
import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { eventMessage } from '../../../shared/i18n/event-text.js';
import { message, verbatim, type Message } from '../../../shared/i18n/message.js';
import type { ExplicitProxy } from '../net/dial-options.js';
import { describeProxy } from '../net/proxy-failure.js';
import { findEvent, millis } from './capture-scan.js';
import { connectStep, errorEvidence, type ConnectStepId } from './connect-step.js';

const titles = {
  'http-connect': message('doctor:probe.proxy.titleConnect'),
  socks5: message('doctor:probe.proxy.titleSocks5'),
  socks4: message('doctor:probe.proxy.titleSocks4'),
  socks4a: message('doctor:probe.proxy.titleSocks4a'),
} as const satisfies Record<ExplicitProxy['kind'], Message>;

/**
 * The proxy's answer, a step of its own between TCP (to the proxy) and TLS (to the server through
 * the tunnel): the CONNECT status line (RFC 9110 §9.3.6: any 2xx opens the tunnel) or the SOCKS
 * reply (RFC 1928 §6: 0x00 succeeded; SOCKS4: 90 granted). A refusal, a hang-up or no answer in
 * time is the proxy's, with the dialer's hint (squid's SSL_ports, SOCKS credentials, …).
 */
export function proxyProbe(records: readonly RecordJson[], error: EventRecordJson | undefined, failed: ConnectStepId | null, proxy: ExplicitProxy, target: string): ProbeResult {
  const title = titles[proxy.kind];
  const step = (status: ProbeResult['status'], summary: Message, durationMs: number, evidence: ProbeResult['evidence'], findings: Finding[] = []): ProbeResult =>
    connectStep('proxy', title, status, summary, durationMs, evidence, findings);
  const lookedUp = targetLookup(records);
  if (error && failed === 'proxy') {
    const evidence = [...lookedUp, ...errorEvidence('proxy', error)];
    const isTargetLookup = error.stage === 'dns';
    const finding: Finding = isTargetLookup
      ? { causeId: 'dns-failure', confidence: 'high', details: { host: target.replace(/:\d+$/, ''), hint: eventMessage(error, 'hint') }, evidence }
      : { causeId: 'proxy-tunnel-failed', confidence: 'high', details: { proxy: describeProxy(proxy), message: eventMessage(error, 'message'), hint: eventMessage(error, 'hint') }, evidence };
    return step('fail', eventMessage(error, 'message'), 0, evidence, [finding]);
  }
  const tunnel = findEvent(records, 'proxy-tunnel-established');
  if (!tunnel) return step('skip', message('doctor:summary.proxy.notReached'), 0, []);
  const values = { proxy: describeProxy(proxy), target: String(tunnel['target']), statusLine: String(tunnel['statusLine']) };
  const summary =
    proxy.kind === 'http-connect' ? message('doctor:summary.proxy.connectAnswered', values)
    : proxy.kind === 'socks5' ? message('doctor:summary.proxy.socks5Replied', values)
    : message('doctor:summary.proxy.socks4Granted', values);
  const evidence = [...lookedUp, { probe: 'proxy' as const, seq: tunnel.seq, text: verbatim(`proxy-tunnel-established ${values.target}: ${values.statusLine}`) }];
  return step('pass', summary, millis(Number(tunnel['durationMicros'] ?? 0)), evidence);
}

/** The server's name resolved here for a SOCKS request that carries an address (socks5 without remote DNS, socks4). */
function targetLookup(records: readonly RecordJson[]): ProbeResult['evidence'] {
  const dns = records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'dns' && record['peer'] === 'server');
  if (!dns) return [];
  const addresses = Array.isArray(dns['addresses']) ? (dns['addresses'] as string[]).join(', ') : '';
  return [{ probe: 'proxy', seq: dns.seq, text: message('doctor:evidence.targetResolvedHere', { host: String(dns['host']), addresses }) }];
}
