import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatExtension, parseExtensionHeader, type ExtensionElement } from '../../../shared/protocol/extension-header.js';
import {
  buildDeflateOfferHeader,
  clientCodecParams,
  negotiateDeflate,
  serverCodecParams,
  validateDeflateResponse,
} from '../../../shared/protocol/permessage-deflate.js';

function parsed(text: string): ExtensionElement[] {
  const result = parseExtensionHeader(text);
  if (!result.ok) throw new Error(result.message.key);
  return result.extensions;
}

function single(text: string): ExtensionElement {
  return parsed(text)[0]!;
}

describe('parseExtensionHeader', () => {
  it('reads several extensions and offers, quoted values, odd spacing and empty elements', () => {
    expect(parsed(' ,permessage-deflate ; client_max_window_bits ;server_max_window_bits = "10" ,, x-foo;a=b\t, permessage-deflate')).toEqual([
      { name: 'permessage-deflate', params: [{ name: 'client_max_window_bits', value: null }, { name: 'server_max_window_bits', value: '10' }] },
      { name: 'x-foo', params: [{ name: 'a', value: 'b' }] },
      { name: 'permessage-deflate', params: [] },
    ]);
    expect(parseExtensionHeader(['a; x="q\\"d"', 'b'])).toEqual({ ok: true, extensions: [{ name: 'a', params: [{ name: 'x', value: 'q"d' }] }, { name: 'b', params: [] }] });
  });

  it('names where the syntax breaks', () => {
    expect(parseExtensionHeader('permessage-deflate; =1')).toMatchObject({ ok: false, error: 'bad-extension-syntax', position: 20 });
    expect(parseExtensionHeader('a; b="open')).toMatchObject({ ok: false, position: 5 });
    expect(parseExtensionHeader('a b')).toMatchObject({ ok: false });
    expect(parseExtensionHeader('a; b=')).toMatchObject({ ok: false });
  });

  it('round-trips through formatExtension and never throws', () => {
    const token = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/);
    const element = fc.record({ name: token, params: fc.array(fc.record({ name: token, value: fc.option(fc.string({ maxLength: 8 }).filter((v) => !/[\r\n]/.test(v) && v.length > 0)) })) });
    fc.assert(fc.property(element, (e) => {
      expect(parsed(formatExtension(e))).toEqual([e]);
    }));
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => {
      parseExtensionHeader(text);
    }));
  });

  it('is linear on long whitespace', () => {
    const started = Date.now();
    parseExtensionHeader(`a${' '.repeat(200_000)}x`);
    parseExtensionHeader(`a;${' ;'.repeat(100_000)}`);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('permessage-deflate negotiation (RFC 7692 §7)', () => {
  it('builds offers with every parameter', () => {
    expect(buildDeflateOfferHeader({})).toBe('permessage-deflate');
    expect(buildDeflateOfferHeader({ serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 10, clientMaxWindowBits: 12 })).toBe(
      'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=12',
    );
    expect(buildDeflateOfferHeader([{ clientMaxWindowBits: true }, {}])).toBe('permessage-deflate; client_max_window_bits, permessage-deflate');
  });

  it('agrees on defaults and yields per-direction codec parameters', () => {
    const result = validateDeflateResponse(parsed('permessage-deflate; client_max_window_bits'), single('permessage-deflate'));
    expect(result).toEqual({ ok: true, agreement: { serverNoContextTakeover: false, clientNoContextTakeover: false, serverMaxWindowBits: 15, clientMaxWindowBits: 15 } });
  });

  it('applies what the server chose', () => {
    const result = validateDeflateResponse(
      parsed('permessage-deflate; server_max_window_bits=12; client_max_window_bits'),
      single('PerMessage-Deflate; server_no_context_takeover; server_max_window_bits=10; client_max_window_bits=9; client_no_context_takeover'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(clientCodecParams(result.agreement)).toEqual({ inflate: { noContextTakeover: true, windowBits: 10 }, deflate: { noContextTakeover: true, windowBits: 9 } });
    expect(serverCodecParams(result.agreement).inflate).toEqual({ noContextTakeover: true, windowBits: 9 });
  });

  it('lets the server add server_no_context_takeover and server_max_window_bits unasked (§7.1.1.1, §7.1.2.1)', () => {
    expect(validateDeflateResponse(parsed('permessage-deflate'), single('permessage-deflate; server_no_context_takeover; server_max_window_bits=8'))).toMatchObject({
      ok: true, agreement: { serverNoContextTakeover: true, serverMaxWindowBits: 8 },
    });
  });

  it.each([
    ['permessage-deflate', 'permessage-deflate; client_max_window_bits=10', 'client-max-window-bits-not-offered'],
    ['permessage-deflate; client_max_window_bits=10', 'permessage-deflate; client_max_window_bits=11', 'window-bits-above-offer'],
    ['permessage-deflate; server_max_window_bits=10', 'permessage-deflate; server_max_window_bits=11', 'window-bits-above-offer'],
    ['permessage-deflate; server_max_window_bits=10', 'permessage-deflate', 'missing-value'],
    ['permessage-deflate; client_max_window_bits', 'permessage-deflate; client_max_window_bits', 'missing-value'],
    ['permessage-deflate', 'permessage-deflate; server_max_window_bits=7', 'bad-window-bits'],
    ['permessage-deflate', 'permessage-deflate; server_max_window_bits=010', 'bad-window-bits'],
    ['permessage-deflate', 'permessage-deflate; server_no_context_takeover=1', 'unexpected-value'],
    ['permessage-deflate', 'permessage-deflate; server_no_context_takeover; server_no_context_takeover', 'duplicate-param'],
    ['permessage-deflate', 'permessage-deflate; x=1', 'unknown-param'],
    ['x-other', 'permessage-deflate', 'not-offered'],
  ])('offer "%s", response "%s" → %s', (offer, response, error) => {
    expect(validateDeflateResponse(parsed(offer), single(response))).toMatchObject({ ok: false, error });
  });

  it('accepts a response that fits the second of several offers', () => {
    const offers = parsed('permessage-deflate; server_max_window_bits=9, permessage-deflate; client_max_window_bits');
    expect(validateDeflateResponse(offers, single('permessage-deflate; client_max_window_bits=10'))).toMatchObject({ ok: true, agreement: { clientMaxWindowBits: 10, serverMaxWindowBits: 15 } });
  });

  it('negotiates from request and response headers', () => {
    const request: [string, string][] = [['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits']];
    expect(negotiateDeflate(request, [])).toBeNull();
    expect(negotiateDeflate(request, [['sec-websocket-extensions', 'permessage-deflate']])).toMatchObject({ ok: true });
    expect(negotiateDeflate(request, [['Sec-WebSocket-Extensions', 'permessage-deflate, permessage-deflate']])).toMatchObject({ ok: false, error: 'accepted-twice' });
    expect(negotiateDeflate(request, [['Sec-WebSocket-Extensions', 'permessage-deflate;']])).toMatchObject({ ok: false, error: 'bad-extension-syntax' });
  });
});
