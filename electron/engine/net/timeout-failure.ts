import type { FailureStage } from '../../../shared/contract/records.js';
import type { DialFailure } from './dial-failure.js';

/** Classifies the connect timeout by the stage the dial had reached when it ran out. */
export function timeoutFailure(stage: FailureStage, timeoutMs: number, subject: string): DialFailure {
  const base = { stage, code: 'ETIMEDOUT' } as const;
  switch (stage) {
    case 'dns':
      return { ...base, message: `DNS lookup of ${subject} did not finish within ${timeoutMs} ms`, hint: 'The resolver is slow or unreachable; retry, raise the connect timeout, or use connect-to with an address.' };
    case 'tcp':
      return { ...base, message: `TCP connect to ${subject} did not finish within ${timeoutMs} ms`, hint: 'The host may be down or a firewall drops packets silently; check the address and port, or raise the connect timeout.' };
    case 'proxy':
      return { ...base, message: `The ${subject} did not open the tunnel within ${timeoutMs} ms`, hint: 'The proxy accepted TCP but never answered; check that this port speaks the chosen proxy protocol, and that the proxy can reach the target.' };
    case 'tls':
      return { ...base, message: `The TLS handshake with ${subject} did not finish within ${timeoutMs} ms`, hint: 'Check that this port speaks TLS (a plain ws:// server never answers a TLS hello), or raise the connect timeout.' };
    default:
      return { ...base, message: `Connecting to ${subject} did not finish within ${timeoutMs} ms`, hint: 'Raise the connect timeout or check the path.' };
  }
}
