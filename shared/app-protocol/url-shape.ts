/** A URL's path and query parameters, read without the `URL` global (shared/ has no DOM types). */
export interface UrlShape {
  readonly path: string;
  readonly query: ReadonlyMap<string, string>;
}

/** Splits `ws://host:port/path?a=1&b=2#frag` into its path and decoded query parameters. */
export function urlShape(url: string): UrlShape {
  const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const withoutFragment = withoutScheme.split('#')[0] ?? '';
  const queryStart = withoutFragment.indexOf('?');
  const path = (queryStart < 0 ? withoutFragment : withoutFragment.slice(0, queryStart)) || '/';
  const query = new Map<string, string>();
  if (queryStart >= 0) {
    for (const pair of withoutFragment.slice(queryStart + 1).split('&')) {
      if (pair === '') continue;
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      const value = equals < 0 ? '' : pair.slice(equals + 1);
      if (!query.has(name)) query.set(safeDecode(name), safeDecode(value));
    }
  }
  return { path, query };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The subprotocol the server accepted, or else the first offered one matching `test`. */
export function matchingSubprotocol(
  context: { readonly offeredSubprotocols: readonly string[]; readonly acceptedSubprotocol?: string },
  test: (name: string) => boolean,
): { name: string; isAccepted: boolean } | undefined {
  const accepted = context.acceptedSubprotocol;
  if (accepted !== undefined && test(accepted.toLowerCase())) return { name: accepted, isAccepted: true };
  const offered = context.offeredSubprotocols.find((name) => test(name.toLowerCase()));
  return offered === undefined ? undefined : { name: offered, isAccepted: false };
}
