import { bridgePaths, launchCodeParameter, tokenAnswerSchema } from '../../shared/contract/bridge-protocol.js';

/** Where this tab keeps its bridge token: it survives a reload, not the tab, and never enters a URL. */
export const TOKEN_STORAGE_KEY = 'frameline.bridgeToken';

/** What the page needs to find its token. */
export interface TokenSources {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search' | 'protocol' | 'host'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  readonly fetch: typeof fetch;
}

/** The token, or why there is none. */
export type TokenOutcome = { readonly token: string } | { readonly refused: 'used-link' | 'no-link' };

/**
 * Takes the one-time code out of a launch link (`/#code=…`) and out of the address bar and the
 * tab's history at once (`history.replaceState`), before anything else reads the URL.
 */
export function takeLaunchCode(sources: Pick<TokenSources, 'location' | 'history'>): string | null {
  const { location, history } = sources;
  const code = new URLSearchParams(location.hash.replace(/^#/, '')).get(launchCodeParameter);
  if (location.hash !== '') history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return code || null;
}

/**
 * The bridge token for this tab (`frameline ui`): a launch link's code is traded once for the
 * token (POST to the host that served the page), which the tab then keeps in sessionStorage, so a
 * reload needs no link; without a code, the kept token is used.
 */
export async function obtainBridgeToken(sources: TokenSources): Promise<TokenOutcome> {
  const code = takeLaunchCode(sources);
  const kept = sources.storage.getItem(TOKEN_STORAGE_KEY);
  if (code === null) return kept ? { token: kept } : { refused: 'no-link' };
  const token = await exchangeCode(sources, code);
  if (token === null) return kept ? { token: kept } : { refused: 'used-link' };
  sources.storage.setItem(TOKEN_STORAGE_KEY, token);
  return { token };
}

async function exchangeCode(sources: TokenSources, code: string): Promise<string | null> {
  try {
    const response = await sources.fetch(`${sources.location.protocol}//${sources.location.host}${bridgePaths.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
      cache: 'no-store',
    });
    if (!response.ok) return null;
    const answer = tokenAnswerSchema.safeParse(await response.json());
    return answer.success ? answer.data.token : null;
  } catch {
    return null;
  }
}
