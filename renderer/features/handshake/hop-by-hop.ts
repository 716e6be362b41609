/**
 * Hop-by-hop headers (RFC 9110 §7.6.1 and the classic RFC 2616 §13.5.1 list): a proxy does not
 * forward them unless told to, which is why `Upgrade` and `Connection` go missing behind nginx.
 */
const HOP_BY_HOP = new Set(['connection', 'upgrade', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'proxy-authenticate', 'proxy-authorization']);

/** True for a header a proxy drops by default. */
export function isHopByHop(name: string): boolean {
  return HOP_BY_HOP.has(name.toLowerCase());
}
