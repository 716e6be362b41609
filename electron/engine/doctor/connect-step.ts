import type { ProbeResult } from '../../../shared/contract/doctor-report.js';
import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';
import type { SessionOptions } from '../../../shared/contract/session-options.js';
import { eventMessage } from '../../../shared/i18n/event-text.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import type { ExplicitProxy } from '../net/dial-options.js';
import { formatHostPort, parseDialTarget } from '../net/dial-target.js';
import { resolveEnvironmentProxy, type Environment } from '../net/environment-proxy.js';

/** The steps of a dial the Doctor reports, in the order the dialer passes them. */
export type ConnectStepId = 'dns' | 'tcp' | 'proxy' | 'tls';

/** What the connect probes need besides the records. */
export interface ConnectContext {
  readonly url: URL;
  /** host:port actually asked for (connect-to override or the URL): dialled directly, or named to the proxy. */
  readonly dialAddress: string;
  /** The host of `dialAddress`, without IPv6 brackets. */
  readonly dialHost: string;
  readonly isSecure: boolean;
  /** The forward proxy the dial goes through (an environment choice resolved), or null. */
  readonly proxy: ExplicitProxy | null;
}

/** The connect context of a probe session dialled with `options`; `env` decides a proxy taken from the environment, as the dialer does. */
export function connectContext(options: SessionOptions, env: Environment = process.env): ConnectContext {
  const target = parseDialTarget(options.url, options.connectTo);
  return {
    url: new URL(options.url),
    dialAddress: formatHostPort(target.dialHost, target.dialPort),
    dialHost: target.dialHost,
    isSecure: target.isSecure,
    proxy: chosenProxy(options.proxy, env, target),
  };
}

function chosenProxy(proxy: SessionOptions['proxy'], env: Environment, target: { isSecure: boolean; dialHost: string; dialPort: number }): ExplicitProxy | null {
  if (proxy.kind === 'none') return null;
  if (proxy.kind !== 'environment') return proxy;
  const decision = resolveEnvironmentProxy(env, { isSecure: target.isSecure, host: target.dialHost, port: target.dialPort });
  return decision.kind === 'proxy' ? decision.proxy : null;
}

/**
 * DNS, TCP and TLS; through a forward proxy, DNS and TCP are the proxy's own lookup and connection,
 * and the proxy's answer to CONNECT (RFC 9110 §9.3.6) or to the SOCKS request (RFC 1928 §4) is a
 * step of its own between TCP and TLS.
 */
export function connectStepIds(context: ConnectContext): readonly ConnectStepId[] {
  return context.proxy ? ['dns', 'tcp', 'proxy', 'tls'] : ['dns', 'tcp', 'tls'];
}

/** The dial's error event, if it failed before the handshake. */
export function dialError(records: readonly RecordJson[]): EventRecordJson | undefined {
  return records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'error' && record.stage !== 'handshake' && record.stage !== 'websocket');
}

/**
 * The step a dial error belongs to. Through a proxy, a lookup that fails once the proxy is connected
 * is the target's name resolved here for a SOCKS request (socks5 without remote DNS, socks4), so the
 * proxy step's; a `proxy` stage error is always the proxy's, never the TCP connection's.
 */
export function failedStep(error: EventRecordJson | undefined, records: readonly RecordJson[], context: ConnectContext): ConnectStepId | null {
  switch (error?.stage) {
    case undefined:
      return null;
    case 'dns':
      return context.proxy && records.some((record) => record.kind === 'event' && record.name === 'tcp-connected') ? 'proxy' : 'dns';
    case 'proxy':
      return context.proxy ? 'proxy' : 'tcp';
    case 'tls':
      return 'tls';
    // `tcp` and `socket`, and a `settings` refusal (a secret of the saved settings this process cannot open), which stops before TCP: the TCP probe fails with its sentence, so the report says why nothing was dialled.
    default:
      return 'tcp';
  }
}

/** The error event as evidence of the step it failed. */
export function errorEvidence(probeId: ConnectStepId, error: EventRecordJson): ProbeResult['evidence'] {
  const text = error['code'] ? message('doctor:evidence.errorWithCode', { error: eventMessage(error, 'message'), code: String(error['code']) }) : eventMessage(error, 'message');
  return [{ probe: probeId, seq: error.seq, text }];
}

const explanations = {
  dns: message('doctor:probe.dns.explanation'),
  tcp: message('doctor:probe.tcp.explanation'),
  proxy: message('doctor:probe.proxy.explanation'),
  tls: message('doctor:probe.tls.explanation'),
} as const satisfies Record<ConnectStepId, Message>;

/** One connect step's result. */
export function connectStep(id: ConnectStepId, title: Message, status: ProbeResult['status'], summary: Message, durationMs: number, evidence: ProbeResult['evidence'], findings: ProbeResult['findings'] = []): ProbeResult {
  return { id, title, status, summary, durationMs, evidence, explanation: explanations[id], findings };
}
