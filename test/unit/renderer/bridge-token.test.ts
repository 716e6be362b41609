import { describe, expect, it } from 'vitest';
import { obtainBridgeToken, TOKEN_STORAGE_KEY, type TokenSources } from '../../../renderer/api/bridge-token.js';

/** A page at `hash`, whose host answers the exchange with `answer` (status, body), recording what happened. */
function page(hash: string, answer: { status: number; body?: unknown }, kept: string | null = null) {
  const storage = new Map<string, string>(kept === null ? [] : [[TOKEN_STORAGE_KEY, kept]]);
  const replaced: string[] = [];
  const posted: { url: string; body: string }[] = [];
  const location = { hash, pathname: '/', search: '', protocol: 'http:', host: '127.0.0.1:7777' };
  const sources: TokenSources = {
    location,
    history: {
      state: null,
      replaceState: (_state: unknown, _unused: string, url?: string | URL | null) => {
        replaced.push(String(url));
        location.hash = '';
      },
    },
    storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
    fetch: async (url, init) => {
      posted.push({ url: String(url), body: String(init?.body) });
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
    },
  };
  return { sources, storage, replaced, posted };
}

describe('the bridge token of a browser tab', () => {
  it('takes the code out of the address bar before the exchange, trades it once and keeps the token for the tab', async () => {
    const tab = page('#code=abc123', { status: 200, body: { token: 'the-token' } });
    expect(await obtainBridgeToken(tab.sources)).toEqual({ token: 'the-token' });
    expect(tab.replaced).toEqual(['/']);
    expect(tab.posted).toEqual([{ url: 'http://127.0.0.1:7777/bridge-token', body: '{"code":"abc123"}' }]);
    expect(tab.storage.get(TOKEN_STORAGE_KEY)).toBe('the-token');
  });

  it('says a spent link was refused, and never reads a token from the URL', async () => {
    const tab = page('#code=spent&token=in-the-url', { status: 403 });
    expect(await obtainBridgeToken(tab.sources)).toEqual({ refused: 'used-link' });
    expect(tab.replaced).toEqual(['/']);
    expect(tab.storage.has(TOKEN_STORAGE_KEY)).toBe(false);
  });

  it('uses the token the tab kept when there is no code (a reload)', async () => {
    const tab = page('', { status: 500 }, 'kept-token');
    expect(await obtainBridgeToken(tab.sources)).toEqual({ token: 'kept-token' });
    expect(tab.posted).toEqual([]);
    expect(tab.replaced).toEqual([]);
  });

  it('has nothing without a code or a kept token', async () => {
    expect(await obtainBridgeToken(page('', { status: 200, body: { token: 'x' } }).sources)).toEqual({ refused: 'no-link' });
  });

  it('ignores an answer that is not a token', async () => {
    expect(await obtainBridgeToken(page('#code=abc', { status: 200, body: { nope: 1 } }).sources)).toEqual({ refused: 'used-link' });
  });
});
