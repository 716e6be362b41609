import { BlockList, isIP } from 'node:net';
import { stripBrackets } from './dial-target.js';

/** One NO_PROXY entry, read once. */
type NoProxyEntry =
  | { readonly kind: 'all'; readonly text: string }
  | { readonly kind: 'name'; readonly text: string; readonly name: string; readonly port?: number }
  | { readonly kind: 'address'; readonly text: string; readonly address: string; readonly port?: number }
  | { readonly kind: 'subnet'; readonly text: string; readonly blockList: BlockList };

/**
 * Returns the NO_PROXY entry that exempts host:port from the proxy, or null. Entries are comma-
 * or space-separated: `*` (everything), a host name (matching the name and every subdomain; a
 * leading `.` or `*.` is allowed), an IP address, a CIDR block, each optionally with `:port`
 * (IPv6 with a port in brackets: `[::1]:8080`). Names are not resolved: `localhost` does not
 * match 127.0.0.1, as in curl.
 */
export function matchNoProxy(noProxy: string, host: string, port: number): string | null {
  const target = normaliseName(stripBrackets(host));
  const targetFamily = isIP(target);
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = parseEntry(raw);
    if (entry !== null && entryMatches(entry, target, targetFamily, port)) return entry.text;
  }
  return null;
}

function entryMatches(entry: NoProxyEntry, target: string, targetFamily: number, port: number): boolean {
  switch (entry.kind) {
    case 'all':
      return true;
    case 'subnet':
      return targetFamily !== 0 && entry.blockList.check(target, targetFamily === 6 ? 'ipv6' : 'ipv4');
    case 'address':
      return (entry.port === undefined || entry.port === port) && targetFamily !== 0 && sameAddress(entry.address, target);
    case 'name':
      return (entry.port === undefined || entry.port === port) && (target === entry.name || target.endsWith(`.${entry.name}`));
  }
}

function parseEntry(raw: string): NoProxyEntry | null {
  const text = raw.trim();
  if (text === '') return null;
  if (text === '*') return { kind: 'all', text };
  const slash = text.indexOf('/');
  if (slash !== -1) return parseSubnet(text, slash);
  const { host, port } = splitPort(text);
  if (isIP(host) !== 0) return { kind: 'address', text, address: host, port };
  const name = normaliseName(host.replace(/^\*?\./, ''));
  return name === '' ? null : { kind: 'name', text, name, port };
}

function parseSubnet(text: string, slash: number): NoProxyEntry | null {
  const address = stripBrackets(text.slice(0, slash));
  const prefix = Number(text.slice(slash + 1));
  const family = isIP(address);
  if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return null;
  const blockList = new BlockList();
  blockList.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  return { kind: 'subnet', text, blockList };
}

/** `host:port`, `[v6]:port`, `[v6]`, or a bare IPv6 address (which has no port). */
function splitPort(text: string): { host: string; port?: number } {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    const port = text.slice(close + 1).startsWith(':') ? parsePort(text.slice(close + 2)) : undefined;
    return { host: text.slice(1, close === -1 ? undefined : close), port };
  }
  if (isIP(text) === 6) return { host: text };
  const colon = text.lastIndexOf(':');
  if (colon === -1) return { host: text };
  return { host: text.slice(0, colon), port: parsePort(text.slice(colon + 1)) };
}

function parsePort(text: string): number | undefined {
  const port = Number(text);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function sameAddress(left: string, right: string): boolean {
  if (left === right) return true;
  const family = isIP(left);
  if (family !== isIP(right)) return false;
  // Compare IPv6 spellings (::1 vs 0:0:0:0:0:0:0:1) through a one-address block list.
  const list = new BlockList();
  list.addAddress(left, family === 6 ? 'ipv6' : 'ipv4');
  return list.check(right, family === 6 ? 'ipv6' : 'ipv4');
}
