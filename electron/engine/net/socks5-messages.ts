import { isIP } from 'node:net';

/** RFC 1928 §3 method numbers this client knows by name. */
export const socks5Methods = { noAuthentication: 0x00, gssapi: 0x01, usernamePassword: 0x02, noAcceptable: 0xff } as const;

/** How the CONNECT request names its destination (RFC 1928 §5 ATYP): a name the proxy resolves, or an address. */
export type SocksAddressType = 'domain' | 'ipv4' | 'ipv6';

/** A reply read off the wire, or why the bytes are not one. */
export type SocksRead<T> = { readonly state: 'incomplete' } | { readonly state: 'invalid'; readonly reason: string } | ({ readonly state: 'complete'; readonly length: number } & T);

/** RFC 1928 §3: VER 5, NMETHODS, METHODS. */
export function socks5Greeting(methods: readonly number[]): Uint8Array {
  return Uint8Array.of(0x05, methods.length, ...methods);
}

/** RFC 1928 §3: the server's METHOD selection message, VER 5 and the chosen METHOD (0xFF: none acceptable). */
export function readMethodSelection(bytes: Uint8Array): SocksRead<{ readonly method: number }> {
  if (bytes.length < 2) return { state: 'incomplete' };
  if (bytes[0] !== 0x05) return notVersion(bytes, 5);
  return { state: 'complete', length: 2, method: bytes[1]! };
}

/**
 * RFC 1929 §2: VER 1, ULEN, UNAME, PLEN, PASSWD; each field 1 to 255 bytes, so a longer one is
 * refused here (null) rather than cut.
 */
export function socks5PasswordRequest(username: string, password: string): Uint8Array | null {
  const name = new TextEncoder().encode(username);
  const secret = new TextEncoder().encode(password);
  if (name.length > 255 || secret.length > 255) return null;
  return Uint8Array.of(0x01, name.length, ...name, secret.length, ...secret);
}

/** RFC 1929 §2: the server's answer, VER 1 and STATUS (0x00 success; anything else is a failure and the server closes). */
export function readPasswordStatus(bytes: Uint8Array): SocksRead<{ readonly status: number }> {
  if (bytes.length < 2) return { state: 'incomplete' };
  // Some servers answer the sub-negotiation with VER 5 (the SOCKS version); RFC 1929 says 1, and STATUS is what matters.
  if (bytes[0] !== 0x01 && bytes[0] !== 0x05) return notVersion(bytes, 1);
  return { state: 'complete', length: 2, status: bytes[1]! };
}

/** The ATYP the request uses for `host`: an IP literal goes as an address, anything else as a name for the proxy to resolve. */
export function addressTypeOf(host: string): SocksAddressType {
  const family = isIP(host);
  return family === 4 ? 'ipv4' : family === 6 ? 'ipv6' : 'domain';
}

/**
 * RFC 1928 §4: VER 5, CMD 1 (CONNECT), RSV 0, ATYP, DST.ADDR, DST.PORT (network order). A name
 * longer than 255 bytes cannot be carried: null.
 */
export function socks5ConnectRequest(host: string, port: number): Uint8Array | null {
  const type = addressTypeOf(host);
  const address = type === 'ipv4' ? ipv4Bytes(host) : type === 'ipv6' ? ipv6Bytes(host) : domainBytes(host);
  if (address === null) return null;
  const atyp = type === 'ipv4' ? 0x01 : type === 'ipv6' ? 0x04 : 0x03;
  return Uint8Array.of(0x05, 0x01, 0x00, atyp, ...address, port >> 8, port & 0xff);
}

/** RFC 1928 §6: VER 5, REP, RSV, ATYP, BND.ADDR, BND.PORT; the length follows from ATYP. */
export function readSocks5Reply(bytes: Uint8Array): SocksRead<{ readonly reply: number; readonly boundAddress: string; readonly boundPort: number }> {
  if (bytes.length < 2) return { state: 'incomplete' };
  if (bytes[0] !== 0x05) return notVersion(bytes, 5);
  if (bytes.length < 5) return { state: 'incomplete' };
  const atyp = bytes[3]!;
  const addressLength = atyp === 0x01 ? 4 : atyp === 0x04 ? 16 : atyp === 0x03 ? 1 + bytes[4]! : -1;
  // A refusal may come with an ATYP of 0 from sloppy servers; the REP byte alone is the answer then.
  if (addressLength < 0) return bytes[1] !== 0x00 ? { state: 'complete', length: bytes.length, reply: bytes[1]!, boundAddress: '', boundPort: 0 } : { state: 'invalid', reason: `unknown address type 0x${hex(atyp)} in the reply` };
  const length = 4 + addressLength + 2;
  if (bytes.length < length) return { state: 'incomplete' };
  const address = bytes.subarray(4, 4 + addressLength);
  const boundAddress = atyp === 0x01 ? address.join('.') : atyp === 0x04 ? ipv6Text(address) : new TextDecoder().decode(address.subarray(1));
  return { state: 'complete', length, reply: bytes[1]!, boundAddress, boundPort: (bytes[length - 2]! << 8) | bytes[length - 1]! };
}

/** The first bytes of an answer that is not the expected version, as hex for the failure's detail. */
export function notVersion(bytes: Uint8Array, version: number): { readonly state: 'invalid'; readonly reason: string } {
  return { state: 'invalid', reason: `answered ${Array.from(bytes.subarray(0, 8), hex).join(' ')}${bytes.length > 8 ? ' …' : ''}, not SOCKS version ${version}` };
}

/** A byte as two hex digits. */
export function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

function ipv4Bytes(host: string): number[] {
  return host.split('.').map(Number);
}

function ipv6Bytes(host: string): number[] {
  const [head = '', tail = ''] = host.includes('::') ? host.split('::') : [host, ''];
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const fromIpv4 = (parts: string[]): string[] => {
    const last = parts.at(-1);
    if (last === undefined || !last.includes('.')) return parts;
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    return [...parts.slice(0, -1), ((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  };
  const left = fromIpv4(groups(head));
  const right = fromIpv4(groups(tail));
  const all = host.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return all.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

function ipv6Text(bytes: Uint8Array): string {
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) groups.push(((bytes[index]! << 8) | bytes[index + 1]!).toString(16));
  // The URL parser writes an IPv6 address in its shortest form (RFC 5952).
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

function domainBytes(host: string): number[] | null {
  const bytes = new TextEncoder().encode(host);
  return bytes.length > 255 ? null : [bytes.length, ...bytes];
}
