import { describe, expect, it } from 'vitest';
import { readSocks4Reply, socks4ConnectRequest } from '../../../electron/engine/net/socks4-messages.js';
import { readMethodSelection, readPasswordStatus, readSocks5Reply, socks5ConnectRequest, socks5Greeting, socks5PasswordRequest, type SocksRead } from '../../../electron/engine/net/socks5-messages.js';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replaceAll(' ', ''), 'hex'));
const hexOf = (data: Uint8Array | null): string | null => (data === null ? null : Buffer.from(data).toString('hex').replace(/(..)(?!$)/g, '$1 '));

/** Every strict prefix of a whole answer is incomplete; the whole answer (and more after it) reads the same. */
function readsWhole<T>(parse: (data: Uint8Array) => SocksRead<T>, whole: Uint8Array): SocksRead<T> {
  for (let cut = 0; cut < whole.length; cut += 1) expect(parse(whole.subarray(0, cut)).state, `prefix of ${cut} bytes`).toBe('incomplete');
  const withTrailing = parse(Uint8Array.of(...whole, 0x47, 0x45, 0x54));
  const read = parse(whole);
  expect(withTrailing).toEqual(read);
  return read;
}

describe('RFC 1928 §3 method selection', () => {
  it('offers the methods given, and reads the choice', () => {
    expect(hexOf(socks5Greeting([0x00]))).toBe('05 01 00');
    expect(hexOf(socks5Greeting([0x00, 0x02]))).toBe('05 02 00 02');
    expect(readsWhole(readMethodSelection, bytes('05 02'))).toEqual({ state: 'complete', length: 2, method: 0x02 });
    expect(readsWhole(readMethodSelection, bytes('05 ff'))).toEqual({ state: 'complete', length: 2, method: 0xff });
  });

  it('an HTTP server answering is not SOCKS, and says what came', () => {
    expect(readMethodSelection(bytes('48 54 54 50 2f 31 2e 31 20 34 30 30'))).toEqual({ state: 'invalid', reason: 'answered 48 54 54 50 2f 31 2e 31 …, not SOCKS version 5' });
  });
});

describe('RFC 1929 username/password', () => {
  it('writes VER 1, ULEN, UNAME, PLEN, PASSWD and reads the status', () => {
    expect(hexOf(socks5PasswordRequest('ab', 'xyz'))).toBe('01 02 61 62 03 78 79 7a');
    expect(readsWhole(readPasswordStatus, bytes('01 00'))).toEqual({ state: 'complete', length: 2, status: 0x00 });
    expect(readsWhole(readPasswordStatus, bytes('01 01'))).toEqual({ state: 'complete', length: 2, status: 0x01 });
  });

  it('refuses a field longer than 255 bytes instead of cutting it', () => {
    expect(socks5PasswordRequest('u'.repeat(256), 'p')).toBeNull();
    expect(socks5PasswordRequest('u', '密'.repeat(86))).toBeNull();
    expect(socks5PasswordRequest('u'.repeat(255), 'p'.repeat(255))).not.toBeNull();
  });
});

describe('RFC 1928 §4 request and §6 reply', () => {
  it('writes a name (ATYP 3), an IPv4 (1) or an IPv6 address (4), port in network order', () => {
    expect(hexOf(socks5ConnectRequest('a.test', 8080))).toBe('05 01 00 03 06 61 2e 74 65 73 74 1f 90');
    expect(hexOf(socks5ConnectRequest('127.0.0.1', 443))).toBe('05 01 00 01 7f 00 00 01 01 bb');
    expect(hexOf(socks5ConnectRequest('::1', 80))).toBe('05 01 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 50');
    expect(hexOf(socks5ConnectRequest('2001:db8::ffff:1.2.3.4', 80))).toBe('05 01 00 04 20 01 0d b8 00 00 00 00 00 00 ff ff 01 02 03 04 00 50');
    expect(socks5ConnectRequest('a'.repeat(256), 80)).toBeNull();
  });

  it('reads the reply code and the bound address of each address type', () => {
    expect(readsWhole(readSocks5Reply, bytes('05 00 00 01 7f 00 00 01 9c 40'))).toEqual({ state: 'complete', length: 10, reply: 0, boundAddress: '127.0.0.1', boundPort: 40000 });
    expect(readsWhole(readSocks5Reply, bytes('05 02 00 01 00 00 00 00 00 00'))).toMatchObject({ reply: 0x02, boundAddress: '0.0.0.0', boundPort: 0 });
    expect(readsWhole(readSocks5Reply, bytes('05 00 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 50'))).toMatchObject({ reply: 0, boundAddress: '::1', boundPort: 80 });
    expect(readsWhole(readSocks5Reply, bytes('05 00 00 03 06 61 2e 74 65 73 74 00 50'))).toMatchObject({ length: 13, boundAddress: 'a.test', boundPort: 80 });
  });

  it('a refusal with an unknown address type is still the refusal; a success with one is not SOCKS', () => {
    expect(readSocks5Reply(bytes('05 01 00 00 00'))).toMatchObject({ state: 'complete', reply: 0x01 });
    expect(readSocks5Reply(bytes('05 00 00 09 00'))).toEqual({ state: 'invalid', reason: 'unknown address type 0x09 in the reply' });
  });
});

describe('SOCKS4 and 4a', () => {
  it('SOCKS4 carries an IPv4 address and the user id; 4a a name after 0.0.0.1', () => {
    expect(hexOf(socks4ConnectRequest('127.0.0.1', 80, ''))).toBe('04 01 00 50 7f 00 00 01 00');
    expect(hexOf(socks4ConnectRequest('127.0.0.1', 80, 'me'))).toBe('04 01 00 50 7f 00 00 01 6d 65 00');
    expect(hexOf(socks4ConnectRequest('a.test', 80, ''))).toBe('04 01 00 50 00 00 00 01 00 61 2e 74 65 73 74 00');
    expect(socks4ConnectRequest('::1', 80, '')).toBeNull();
  });

  it('reads CD and the bound address from the 8-byte reply', () => {
    expect(readsWhole(readSocks4Reply, bytes('00 5a 9c 40 7f 00 00 01'))).toEqual({ state: 'complete', length: 8, reply: 90, boundAddress: '127.0.0.1', boundPort: 40000 });
    expect(readsWhole(readSocks4Reply, bytes('00 5b 00 00 00 00 00 00'))).toMatchObject({ reply: 91 });
    expect(readSocks4Reply(bytes('48 54 54 50'))).toMatchObject({ state: 'invalid' });
  });
});
