/**
 * Rewriting the parts of a URL that may hold credentials (userinfo, query values) as text, so
 * everything else stays byte for byte — including what a URL parser would normalise. Export
 * redaction and a workspace's secret extraction both walk URLs this way.
 */

const userinfoPattern = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;

/** `url` with its userinfo (the text between `scheme://` and `@`) replaced by `replace(userinfo)`. */
export function mapUserinfo(url: string, replace: (userinfo: string) => string): string {
  return url.replace(userinfoPattern, (_whole, scheme: string, userinfo: string) => `${scheme}${replace(userinfo)}@`);
}

/**
 * `url` with each `name=value` query pair's value replaced by `replace(name, value)`, `name`
 * percent-decoded (`+` as a space, undecodable text as it is); pairs without `=` and the fragment
 * stay as they are.
 */
export function mapQueryValues(url: string, replace: (name: string, value: string) => string): string {
  const hashStart = url.indexOf('#');
  const queryEnd = hashStart < 0 ? url.length : hashStart;
  // A `?` inside the fragment does not start a query (RFC 3986 §3.5).
  const queryStart = url.slice(0, queryEnd).indexOf('?');
  if (queryStart < 0) return url;
  const query = mapPairs(url.slice(queryStart + 1, queryEnd), replace);
  return `${url.slice(0, queryStart + 1)}${query}${url.slice(queryEnd)}`;
}

/**
 * `url` with each `name=value` pair of its fragment replaced the same way: RFC 6455 §3 gives a
 * WebSocket URL no fragment and none is sent, but a URL pasted from an OAuth implicit-grant
 * redirect carries `#access_token=…&token_type=bearer`, and captures keep the URL as typed.
 */
export function mapFragmentValues(url: string, replace: (name: string, value: string) => string): string {
  const hashStart = url.indexOf('#');
  if (hashStart < 0) return url;
  return `${url.slice(0, hashStart + 1)}${mapPairs(url.slice(hashStart + 1), replace)}`;
}

/**
 * `name=value` pairs joined by `&` (a query, a fragment, a form body) with each value replaced by
 * `replace(name, value)`, `name` percent-decoded as above.
 */
export function mapPairs(text: string, replace: (name: string, value: string) => string): string {
  return text
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0 ? pair : `${pair.slice(0, equals + 1)}${replace(decodeQueryName(pair.slice(0, equals)), pair.slice(equals + 1))}`;
    })
    .join('&');
}

function decodeQueryName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
