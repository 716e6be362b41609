/**
 * The subprotocol a server answers with (RFC 6455 §4.2.2, step 5.4 of the server's response): one
 * of those the client offered, here the first of the server's own list, in the server's order of
 * preference, that the client offered. Null when none match: the server then sends no
 * Sec-WebSocket-Protocol, and a client that required one fails the connection (§4.1).
 * Subprotocol names are tokens compared exactly, case included (§11.5 registers them as such).
 */
export function selectSubprotocol(offered: readonly string[], accepted: readonly string[]): string | null {
  const offeredSet = new Set(offered);
  return accepted.find((name) => offeredSet.has(name)) ?? null;
}
