import type { HopId } from '../../../shared/contract/doctor-report.js';
import type { HeaderPair } from '../../../shared/contract/records.js';
import { asciiLower } from '../../../shared/protocol/header-text.js';

/** A hop named by one response: which, the header or body line that names it, and whether it answered or only relayed. */
export interface HopSignature {
  readonly id: HopId;
  /** `Server: Tengine`, `CF-RAY: 7f…`, or the body line of a known error page. */
  readonly evidence: string;
  /** 'answered': a Server header or the hop's own error page; 'relayed': a header it adds to what passes through. */
  readonly role: 'answered' | 'relayed';
}

interface Rule {
  readonly id: HopId;
  readonly role: HopSignature['role'];
  /** Matches a header (lower-case name, value) … */
  readonly header?: (name: string, value: string) => boolean;
  /** … or the response body. */
  readonly body?: RegExp;
}

/**
 * Response signatures, most specific first (docs/doctor-clouds.md lists where each comes from).
 * CDNs and load balancers add their own headers to everything they relay (CF-RAY, EagleId,
 * Ali-Swift-*, Via: 1.1 google, X-Amzn-Trace-Id) and often replace Server with their own name.
 */
const rules: readonly Rule[] = [
  { id: 'cloudflare', role: 'answered', header: (name, value) => name === 'server' && /^cloudflare/i.test(value) },
  { id: 'cloudflare', role: 'relayed', header: (name) => name === 'cf-ray' },
  { id: 'alibaba-cdn', role: 'relayed', header: (name) => name === 'eagleid' || name.startsWith('ali-swift-') },
  { id: 'tencent-clb', role: 'answered', header: (name, value) => name === 'server' && /^stgw/i.test(value) },
  { id: 'aws-elb', role: 'answered', header: (name, value) => name === 'server' && /^awselb/i.test(value) },
  { id: 'aws-elb', role: 'relayed', header: (name) => name === 'x-amzn-trace-id' },
  { id: 'google-lb', role: 'answered', header: (name, value) => name === 'server' && /^(google frontend|gfe)/i.test(value) },
  { id: 'google-lb', role: 'relayed', header: (name, value) => name === 'via' && /\bgoogle\b/i.test(value) },
  { id: 'envoy', role: 'answered', header: (name, value) => name === 'server' && /^envoy/i.test(value) },
  { id: 'envoy', role: 'relayed', header: (name) => name === 'x-envoy-upstream-service-time' },
  { id: 'tengine', role: 'answered', header: (name, value) => name === 'server' && /^tengine/i.test(value) },
  { id: 'tengine', role: 'answered', body: /Powered by Tengine/i },
  { id: 'nginx', role: 'answered', header: (name, value) => name === 'server' && /^(nginx|openresty)/i.test(value) },
  { id: 'nginx', role: 'answered', body: /<center>(nginx|openresty)[^<]*<\/center>/i },
  { id: 'caddy', role: 'answered', header: (name, value) => name === 'server' && /^caddy/i.test(value) },
  { id: 'apache', role: 'answered', header: (name, value) => name === 'server' && /^apache/i.test(value) },
  { id: 'haproxy', role: 'answered', body: /No server is available to handle this request|The server didn't respond in time/ },
];

/**
 * Every hop one response names, in rule order (the first is the one most likely to have answered).
 * A CDN's Tengine is reported once, as the CDN.
 */
export function hopSignatures(headers: readonly HeaderPair[], bodyText: string): HopSignature[] {
  const found: HopSignature[] = [];
  for (const rule of rules) {
    if (found.some((hop) => hop.id === rule.id)) continue;
    const evidence = rule.header ? headerEvidence(headers, rule.header) : rule.body ? bodyEvidence(bodyText, rule.body) : null;
    if (evidence !== null) found.push({ id: rule.id, evidence, role: rule.role });
  }
  return found.some((hop) => hop.id === 'alibaba-cdn') ? found.filter((hop) => hop.id !== 'tengine') : found;
}

function headerEvidence(headers: readonly HeaderPair[], matches: (name: string, value: string) => boolean): string | null {
  const pair = headers.find(([name, value]) => matches(asciiLower(name), value));
  return pair ? `${pair[0]}: ${pair[1]}` : null;
}

function bodyEvidence(bodyText: string, pattern: RegExp): string | null {
  const match = pattern.exec(bodyText);
  return match ? match[0] : null;
}
