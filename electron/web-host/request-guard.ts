import { timingSafeEqual } from 'node:crypto';

/**
 * The web host's three locks (security checklist for `frameline ui`): the Host header must name
 * the loopback address we bound (defeats DNS rebinding, where a foreign name resolves to
 * 127.0.0.1), the bridge's Origin must be our own page (no other site can drive the API from a
 * visitor's browser), and the bridge must present the random token printed in the URL.
 */
export interface GuardContext {
  readonly port: number;
  readonly token: string;
}

/** The Host values our own page sends. */
function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * True when a request has exactly one Host header line. A second one is refused with 400 (RFC 9112
 * §3.2): Node keeps only the first, so a check of the parsed headers alone would let a request
 * through whose other Host a proxy in front may have read instead.
 */
export function hasOneHost(rawHeaders: readonly string[]): boolean {
  let count = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) if (rawHeaders[index]?.toLowerCase() === 'host') count += 1;
  return count === 1;
}

/** True when a request's Host header names this host. */
export function isAllowedHost(host: string | undefined, context: GuardContext): boolean {
  return host !== undefined && allowedHosts(context.port).includes(host.toLowerCase());
}

/** True when a bridge connection's Origin is the page this host served. */
export function isAllowedOrigin(origin: string | undefined, context: GuardContext): boolean {
  return origin !== undefined && allowedHosts(context.port).some((host) => origin.toLowerCase() === `http://${host}`);
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
export function isValidToken(candidate: string | null, context: GuardContext): boolean {
  if (candidate === null) return false;
  const expected = Buffer.from(context.token);
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Why a bridge upgrade is refused, or null when it may proceed. */
export function bridgeRefusal(headers: { host?: string; origin?: string }, token: string | null, context: GuardContext): string | null {
  if (!isAllowedHost(headers.host, context)) return 'foreign Host header';
  if (!isAllowedOrigin(headers.origin, context)) return 'foreign Origin';
  if (!isValidToken(token, context)) return 'missing or wrong token';
  return null;
}
