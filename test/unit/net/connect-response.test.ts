import { describe, expect, it } from 'vitest';
import { headerValue, parseConnectResponse } from '../../../electron/engine/net/connect-response.js';
import { buildConnectRequest } from '../../../electron/engine/net/http-connect.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseConnectResponse', () => {
  const ok = 'HTTP/1.1 200 Connection established\r\n\r\n';

  it('parses a 200 and reports where the tunnel bytes start', () => {
    const parsed = parseConnectResponse(bytes(`${ok}\x16\x03\x01`));
    expect(parsed).toEqual({
      state: 'complete',
      headLength: ok.length,
      head: { statusLine: 'HTTP/1.1 200 Connection established', httpVersion: '1.1', statusCode: 200, reason: 'Connection established', headers: [] },
    });
  });

  it('gives the same answer for every split of the head', () => {
    const full = bytes('HTTP/1.0 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="x"\r\nContent-Length: 0\r\n\r\n');
    for (let cut = 0; cut < full.length; cut += 1) {
      expect(parseConnectResponse(full.subarray(0, cut)).state).toBe('incomplete');
    }
    const parsed = parseConnectResponse(full);
    expect(parsed.state).toBe('complete');
    if (parsed.state !== 'complete') return;
    expect(parsed.head.statusCode).toBe(407);
    expect(headerValue(parsed.head.headers, 'proxy-authenticate')).toBe('Basic realm="x"');
  });

  it('accepts bare LF line endings and a status line without reason', () => {
    const parsed = parseConnectResponse(bytes('HTTP/1.1 200\nVia: x\n\nrest'));
    expect(parsed).toMatchObject({ state: 'complete', headLength: 'HTTP/1.1 200\nVia: x\n\n'.length, head: { reason: '', headers: [['Via', 'x']] } });
  });

  it('rejects a non-HTTP answer, malformed headers, and oversize heads', () => {
    expect(parseConnectResponse(bytes('\x05\x00\r\n\r\n'))).toMatchObject({ state: 'invalid' });
    expect(parseConnectResponse(bytes('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n'))).toMatchObject({ state: 'invalid' });
    const huge = bytes(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(100)}`);
    expect(parseConnectResponse(huge, { maxHeadBytes: 64, maxHeaderCount: 10 })).toMatchObject({ state: 'invalid', reason: { key: 'failure:connect.headTooLong', values: { maxBytes: 64 } } });
    const many = bytes(`HTTP/1.1 200 OK\r\n${'X: 1\r\n'.repeat(5)}\r\n`);
    expect(parseConnectResponse(many, { maxHeadBytes: 1024, maxHeaderCount: 4 })).toMatchObject({ state: 'invalid', reason: { key: 'failure:connect.tooManyHeaders', values: { maxCount: 4 } } });
  });
});

describe('buildConnectRequest', () => {
  it('writes the request line, Host, and Basic credentials', () => {
    expect(buildConnectRequest('[::1]:443', { username: 'alice', password: 'secret' }).toString('latin1')).toBe(
      'CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\nProxy-Authorization: Basic YWxpY2U6c2VjcmV0\r\n\r\n',
    );
    expect(buildConnectRequest('example.com:80', {}).toString('latin1')).toBe('CONNECT example.com:80 HTTP/1.1\r\nHost: example.com:80\r\n\r\n');
  });
});
