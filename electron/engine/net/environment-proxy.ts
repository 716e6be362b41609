import { message, type Message } from '../../../shared/i18n/message.js';
import type { ExplicitProxy } from './dial-options.js';
import { stripBrackets } from './dial-target.js';
import { matchNoProxy } from './no-proxy.js';

/** The environment as a plain map (process.env in production, a literal in tests). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** What the environment says about reaching one target. */
export type EnvironmentProxyDecision =
  | { readonly kind: 'proxy'; readonly proxy: ExplicitProxy; readonly variable: string; readonly redactedUrl: string }
  | { readonly kind: 'direct'; readonly reason: Message }
  | { readonly kind: 'invalid'; readonly variable: string; readonly reason: Message };

/**
 * Picks the proxy for a ws:// or wss:// target from the environment, as curl does: wss uses
 * https_proxy, ws uses http_proxy, both fall back to all_proxy; the lower-case spelling wins over
 * the upper-case one; an empty value counts as unset; NO_PROXY (no_proxy first) exempts targets.
 */
export function resolveEnvironmentProxy(env: Environment, target: { isSecure: boolean; host: string; port: number }): EnvironmentProxyDecision {
  const exemption = readVariable(env, ['no_proxy', 'NO_PROXY']);
  if (exemption !== null) {
    const entry = matchNoProxy(exemption.value, target.host, target.port);
    if (entry !== null) return { kind: 'direct', reason: message('failure:environmentProxy.noProxyMatch', { variable: exemption.variable, entry, host: target.host }) };
  }
  const names = target.isSecure
    ? ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']
    : ['http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'];
  const chosen = readVariable(env, names);
  if (chosen === null) return { kind: 'direct', reason: message('failure:environmentProxy.noneSet', { variables: names }) };
  return parseProxyUrl(chosen.value, chosen.variable);
}

/**
 * Reads a proxy URL such as `http://user:pw@proxy:3128`, `socks5h://proxy:1080` or a bare
 * `proxy:3128` (HTTP). socks5h and socks4a let the proxy resolve names; socks5 and socks4 resolve locally.
 */
export function parseProxyUrl(value: string, variable: string): EnvironmentProxyDecision {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { kind: 'invalid', variable, reason: message('failure:environmentProxy.notUrl', { variable }) };
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  const host = stripBrackets(url.hostname);
  if (host === '') return { kind: 'invalid', variable, reason: message('failure:environmentProxy.noHost', { variable }) };
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  const port = (fallback: number): number => (url.port === '' ? fallback : Number(url.port));
  const redactedUrl = `${scheme}://${username === undefined ? '' : `${username}:***@`}${url.host}`;
  const chosen = (proxy: ExplicitProxy): EnvironmentProxyDecision => ({ kind: 'proxy', proxy, variable, redactedUrl });
  switch (scheme) {
    case 'http':
      return chosen({ kind: 'http-connect', host, port: port(80), username, password });
    case 'socks5':
    case 'socks5h':
      return chosen({ kind: 'socks5', host, port: port(1080), username, password, remoteDns: scheme === 'socks5h' });
    case 'socks4a':
    case 'socks4':
      return chosen({ kind: scheme, host, port: port(1080), userId: username });
    case 'https':
      return { kind: 'invalid', variable, reason: message('failure:environmentProxy.httpsProxy', { variable }) };
    default:
      return { kind: 'invalid', variable, reason: message('failure:environmentProxy.unsupportedScheme', { variable, scheme }) };
  }
}

function readVariable(env: Environment, names: readonly string[]): { variable: string; value: string } | null {
  for (const variable of names) {
    const value = env[variable]?.trim();
    if (value !== undefined && value !== '') return { variable, value };
  }
  return null;
}
