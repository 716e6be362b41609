import { asciiLower } from './header-text.js';

/**
 * Headers that describe one hop, not the message (RFC 9110 §7.6.1; Proxy-* from §11.7, Keep-Alive
 * and Proxy-Connection from RFC 2068 practice). A proxy drops them unless configured to forward
 * them, which is why `Upgrade` and `Connection` vanish behind nginx (DESIGN.md field notes).
 */
export const hopByHopHeaders: readonly string[] = [
  'connection',
  'upgrade',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'proxy-authorization',
  'proxy-authenticate',
];

/** True when `name` (any case) is hop-by-hop, or is listed in this message's Connection header (§7.6.1). */
export function isHopByHopHeader(name: string, connectionTokens: readonly string[] = []): boolean {
  const lower = asciiLower(name);
  return hopByHopHeaders.includes(lower) || connectionTokens.some((token) => asciiLower(token) === lower);
}
