import { isIP } from 'node:net';
import type { SocksRead } from './socks5-messages.js';
import { notVersion } from './socks5-messages.js';

/** SOCKS4 reply codes (CD): 90 granted, 91 rejected or failed, 92 no identd reachable, 93 identd disagrees. */
export const socks4Granted = 90;

/**
 * The SOCKS4 CONNECT request: VN 4, CD 1, DSTPORT, DSTIP, USERID, NUL. For a name (SOCKS4a) DSTIP
 * is 0.0.0.x with x non-zero and the name follows, NUL-terminated, for the proxy to resolve.
 * A host that is neither IPv4 nor a name SOCKS4 can carry (an IPv6 address, a NUL inside) gives null.
 */
export function socks4ConnectRequest(host: string, port: number, userId: string): Uint8Array | null {
  const user = new TextEncoder().encode(userId);
  if (user.includes(0)) return null;
  const head = [0x04, 0x01, port >> 8, port & 0xff];
  if (isIP(host) === 4) return Uint8Array.of(...head, ...host.split('.').map(Number), ...user, 0x00);
  const name = new TextEncoder().encode(host);
  if (isIP(host) === 6 || name.includes(0)) return null;
  return Uint8Array.of(...head, 0, 0, 0, 1, ...user, 0x00, ...name, 0x00);
}

/** The 8-byte reply: VN 0, CD, DSTPORT, DSTIP (the bound address, often zeros). */
export function readSocks4Reply(bytes: Uint8Array): SocksRead<{ readonly reply: number; readonly boundAddress: string; readonly boundPort: number }> {
  if (bytes.length < 1) return { state: 'incomplete' };
  // VN is 0 in replies; a few servers echo 4.
  if (bytes[0] !== 0x00 && bytes[0] !== 0x04) return notVersion(bytes, 4);
  if (bytes.length < 8) return { state: 'incomplete' };
  return { state: 'complete', length: 8, reply: bytes[1]!, boundAddress: Array.from(bytes.subarray(4, 8)).join('.'), boundPort: (bytes[2]! << 8) | bytes[3]! };
}
