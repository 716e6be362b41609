import { describe, expect, it } from 'vitest';
import { buildHandshakeRequest, requestText, toHandshakeRequestJson } from '../../../shared/protocol/handshake-request.js';

const key = new Uint8Array(Buffer.from('the sample nonce'));

function build(options: Partial<Parameters<typeof buildHandshakeRequest>[0]> = {}) {
  const result = buildHandshakeRequest({ host: 'server.example.com', key, ...options });
  if (!result.ok) throw new Error(`unexpected ${result.error}`);
  return result.request;
}

describe('buildHandshakeRequest', () => {
  it('writes the RFC 6455 §1.2 example request byte for byte', () => {
    const request = build({ target: '/chat', origin: 'http://example.com', subprotocols: ['chat', 'superchat'] });
    expect(requestText(request)).toBe(
      'GET /chat HTTP/1.1\r\n' +
        'Host: server.example.com\r\n' +
        'Upgrade: websocket\r\n' +
        'Connection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
        'Sec-WebSocket-Version: 13\r\n' +
        'Origin: http://example.com\r\n' +
        'Sec-WebSocket-Protocol: chat, superchat\r\n' +
        '\r\n',
    );
    expect(request.key).toBe('dGhlIHNhbXBsZSBub25jZQ==');
    expect(toHandshakeRequestJson(request).raw).toBe(Buffer.from(request.bytes).toString('base64'));
  });

  it('can speak HTTP/1.0 and offer permessage-deflate with parameters', () => {
    const request = build({ httpVersion: '1.0', target: '/ws?room=1', deflate: [{ clientMaxWindowBits: true, serverMaxWindowBits: 10 }, {}] });
    const text = requestText(request);
    expect(text.startsWith('GET /ws?room=1 HTTP/1.0\r\n')).toBe(true);
    expect(request.headers).toContainEqual(['Sec-WebSocket-Extensions', 'permessage-deflate; server_max_window_bits=10; client_max_window_bits, permessage-deflate']);
  });

  it('lets user headers replace defaults in place, remove them, and add duplicates in order', () => {
    const request = build({
      headers: [['X-Trace', 'a'], ['connection', 'keep-alive'], ['connection', 'Upgrade'], ['Upgrade', null], ['X-Trace', 'b'], ['__proto__', 'x']],
    });
    expect(request.headers).toEqual([
      ['Host', 'server.example.com'],
      ['connection', 'keep-alive'],
      ['connection', 'Upgrade'],
      ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
      ['Sec-WebSocket-Version', '13'],
      ['X-Trace', 'a'],
      ['X-Trace', 'b'],
      ['__proto__', 'x'],
    ]);
  });

  it('sends a string key verbatim and reports the key actually sent', () => {
    expect(build({ key: 'not-base64' }).key).toBe('not-base64');
    expect(build({ headers: [['Sec-WebSocket-Key', 'override']] }).key).toBe('override');
    expect(build({ headers: [['Sec-WebSocket-Key', null]] }).key).toBeNull();
  });

  it('sends user text as UTF-8', () => {
    const request = build({ headers: [['X-Name', 'Zoë']] });
    expect(Buffer.from(request.bytes).toString('utf8')).toContain('X-Name: Zoë\r\n');
  });

  it('refuses requests whose bytes would not mean what was asked', () => {
    expect(buildHandshakeRequest({ host: 'h', key: new Uint8Array(15) })).toMatchObject({ ok: false, error: 'bad-key-length', length: 15 });
    expect(buildHandshakeRequest({ host: 'h', key, target: '/a b' })).toMatchObject({ ok: false, error: 'bad-target' });
    expect(buildHandshakeRequest({ host: 'h', key, headers: [['Bad Name', 'x']] })).toMatchObject({ ok: false, error: 'bad-header-name' });
    expect(buildHandshakeRequest({ host: 'h\r\nX: y', key })).toMatchObject({ ok: false, error: 'bad-header-value', name: 'Host' });
  });
});
