import type { Finding, ProbeResult, ProbeSubStep } from '../../../shared/contract/doctor-report.js';
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
  const parts = proxy.kind === 'http-connect' ? [] : socksParts(records, error);
  const withParts = (result: ProbeResult): ProbeResult => (parts.length === 0 ? result : { ...result, steps: parts });
  if (error && failed === 'proxy') {
    const evidence = [...lookedUp, ...socksEvidence(records), ...errorEvidence('proxy', error)];
    const isTargetLookup = error.stage === 'dns';
    const finding: Finding = isTargetLookup
      ? { causeId: 'dns-failure', confidence: 'high', details: { host: target.replace(/:\d+$/, ''), hint: eventMessage(error, 'hint') }, evidence }
      : { causeId: 'proxy-tunnel-failed', confidence: 'high', details: { proxy: describeProxy(proxy), message: eventMessage(error, 'message'), hint: eventMessage(error, 'hint') }, evidence };
    return withParts(step('fail', eventMessage(error, 'message'), parts.reduce((sum, part) => sum + part.durationMs, 0), evidence, [finding]));
  }
  const tunnel = findEvent(records, 'proxy-tunnel-established');
  if (!tunnel) return step('skip', message('doctor:summary.proxy.notReached'), 0, []);
  const values = { proxy: describeProxy(proxy), target: String(tunnel['target']), statusLine: String(tunnel['statusLine']) };
  const summary =
    proxy.kind === 'http-connect' ? message('doctor:summary.proxy.connectAnswered', values)
    : proxy.kind === 'socks5' ? message('doctor:summary.proxy.socks5Replied', values)
    : message('doctor:summary.proxy.socks4Granted', values);
  const evidence = [...lookedUp, { probe: 'proxy' as const, seq: tunnel.seq, text: verbatim(`proxy-tunnel-established ${values.target}: ${values.statusLine}`) }];
  // The lookup here comes before the exchange the tunnel event times; the step's time covers all its parts.
  const lookupMs = parts.length > 0 && parts[0]!.title === partTitles.lookup ? parts[0]!.durationMs : 0;
  return withParts(step('pass', summary, millis(Number(tunnel['durationMicros'] ?? 0)) + lookupMs, evidence));
}

const partTitles = {
  lookup: message('doctor:probe.proxy.part.lookup'),
  method: message('doctor:probe.proxy.part.method'),
  auth: message('doctor:probe.proxy.part.auth'),
  request: message('doctor:probe.proxy.part.request'),
} as const;

/**
 * The SOCKS exchange part by part, as the dialer recorded it (`socks-step` events): the target's
 * lookup here when the request carries an address, RFC 1928 §3 method selection, RFC 1929
 * username/password, and the request with its reply (§4, §6), each with its outcome and time.
 */
function socksParts(records: readonly RecordJson[], error: EventRecordJson | undefined): ProbeSubStep[] {
  const parts: ProbeSubStep[] = [];
  const lookup = serverLookup(records);
  if (lookup) {
    const addresses = Array.isArray(lookup['addresses']) ? (lookup['addresses'] as string[]).join(', ') : '';
    parts.push({ title: partTitles.lookup, status: 'pass', summary: message('doctor:summary.proxy.lookedUp', { host: String(lookup['host']), addresses }), durationMs: millis(Number(lookup['durationMicros'] ?? 0)) });
  } else if (error?.stage === 'dns' && records.some((record) => record.kind === 'event' && record.name === 'tcp-connected')) {
    parts.push({ title: partTitles.lookup, status: 'fail', summary: eventMessage(error, 'message'), durationMs: 0 });
  }
  for (const event of socksSteps(records)) {
    const name = event['step'] as keyof typeof partTitles;
    parts.push({ title: partTitles[name] ?? verbatim(String(event['step'])), status: event['outcome'] === 'ok' ? 'pass' : 'fail', summary: eventMessage(event, 'message'), durationMs: millis(Number(event['durationMicros'] ?? 0)) });
  }
  return parts;
}

function socksSteps(records: readonly RecordJson[]): EventRecordJson[] {
  return records.filter((record): record is EventRecordJson => record.kind === 'event' && record.name === 'socks-step');
}

/** The SOCKS step that failed, as evidence: the cause then says which part of the exchange it was. */
function socksEvidence(records: readonly RecordJson[]): ProbeResult['evidence'] {
  return socksSteps(records).filter((event) => event['outcome'] !== 'ok').map((event) => ({ probe: 'proxy' as const, seq: event.seq, text: eventMessage(event, 'message') }));
}

function serverLookup(records: readonly RecordJson[]): EventRecordJson | undefined {
  return records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'dns' && record['peer'] === 'server');
}

/** The server's name resolved here for a SOCKS request that carries an address (socks5 without remote DNS, socks4). */
function targetLookup(records: readonly RecordJson[]): ProbeResult['evidence'] {
  const dns = serverLookup(records);
  if (!dns) return [];
  const addresses = Array.isArray(dns['addresses']) ? (dns['addresses'] as string[]).join(', ') : '';
  return [{ probe: 'proxy', seq: dns.seq, text: message('doctor:evidence.targetResolvedHere', { host: String(dns['host']), addresses }) }];
}
