/** A request target the web host can route: the decoded path and the query. */
export interface RequestTarget {
  /** Percent-decoded, e.g. `/assets/a b.js`. */
  readonly path: string;
  readonly query: URLSearchParams;
}

/**
 * Parses a request's target (RFC 9112 §3.2.1: origin-form, `/path?query`), or returns null when it
 * is not one we can serve: another form (absolute, authority, asterisk), a malformed
 * percent-escape such as `/%`, or a decoded NUL. The caller answers null with 400; nothing here
 * throws, whatever the client sent.
 */
export function parseRequestTarget(rawTarget: string | undefined): RequestTarget | null {
  if (rawTarget === undefined || !rawTarget.startsWith('/') || rawTarget.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(rawTarget, 'http://localhost');
  } catch {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  return { path, query: url.searchParams };
}
