import { describe, expect, it } from 'vitest';
import { redactHeaders, redactRemovedValues, redactUrl, redactRawHttp } from '../../../electron/engine/capture/export/redact-values.js';
import { defaultRedaction, noRedaction, RedactionRules } from '../../../electron/engine/capture/export/redaction-rules.js';
import { exportBytes, fixtureLog } from './export-fixture.js';

describe('redaction rules', () => {
  it('redacts query values whose names contain a secret word, any case, keeping length and the rest of the URL', () => {
    const rules = new RedactionRules(defaultRedaction);
    const url = 'wss://a:b@h.test/p?Access_Token=abc&room=1&X-Sig=zz&sessionId=9&apikey=k#frag';
    expect(redactUrl(url, rules)).toBe('wss://*:*@h.test/p?Access_Token=***&room=1&X-Sig=**&sessionId=*&apikey=*#frag');
    expect(rules.redactions().map((each) => each.name)).toEqual(['userinfo', 'Access_Token', 'X-Sig', 'sessionId', 'apikey']);
  });

  it('redacts credential pairs of the fragment too, as pasted from an OAuth implicit-grant redirect, and leaves a plain fragment alone', () => {
    const rules = new RedactionRules(defaultRedaction);
    expect(redactUrl('wss://h.test/p?room=1#access_token=abc&token_type=bearer&state=xyz', rules)).toBe('wss://h.test/p?room=1#access_token=***&token_type=******&state=xyz');
    expect(redactUrl('wss://h.test/p#section-2', rules)).toBe('wss://h.test/p#section-2');
    expect(rules.redactions()).toEqual([{ location: 'url-fragment', name: 'access_token' }, { location: 'url-fragment', name: 'token_type' }]);
  });

  it('redacts raw handshake bytes in place, same length, including extra header names', () => {
    const rules = new RedactionRules({ ...defaultRedaction, extraHeaderNames: ['x-team-secret'] });
    const raw = Buffer.from('GET /?token=t0k HTTP/1.1\r\nCookie: a=1\r\nX-Team-Secret: s\r\nHost: h\r\n\r\n', 'latin1');
    const redacted = Buffer.from(redactRawHttp(raw, 'request-header', rules)).toString('latin1');
    expect(redacted).toBe('GET /?token=*** HTTP/1.1\r\nCookie: ***\r\nX-Team-Secret: *\r\nHost: h\r\n\r\n');
  });

  it('remembers the values it removed from URLs and heads, as a body would hold them, to blank them in body starts', () => {
    const rules = new RedactionRules(defaultRedaction);
    redactUrl('http://h.test/socket.io/?EIO=4&sid=Zx9_AbCdEfGh&code=42&token=a%2Fb%2Bc%3D%3D', rules);
    redactHeaders([['Authorization', 'Bearer eyJhbGciOi.x.y'], ['Cookie', 'io=Zx9_AbCdEfGh; theme=dark'], ['Set-Cookie', 'session="s3cr3t-value"; Path=/'], ['Host', 'h.test']], 'request-header', rules);
    // `42` is too short to look for: it would blank unrelated bytes; filler from an earlier redaction is not a value.
    redactUrl('http://h.test/?token=******', rules);
    expect([...rules.removedValues()].sort()).toEqual(['Bearer eyJhbGciOi.x.y', 'Zx9_AbCdEfGh', 'a%2Fb%2Bc%3D%3D', 'a/b+c==', 'eyJhbGciOi.x.y', 'io=Zx9_AbCdEfGh; theme=dark', 'session="s3cr3t-value"; Path=/', 's3cr3t-value'].sort());
    const body = Buffer.from('0{"sid":"Zx9_AbCdEfGh","token":"eyJhbGciOi.x.y","code":42,"k":"a/b+c=="}');
    const redacted = redactRemovedValues(body, rules);
    expect(redacted.isChanged).toBe(true);
    expect(Buffer.from(redacted.bytes).toString('utf8')).toBe('0{"sid":"************","token":"**************","code":42,"k":"*******"}');
    expect(body.toString('utf8')).toContain('Zx9_AbCdEfGh');
    expect(rules.redactions()).toContainEqual({ location: 'http-body', name: 'removed-value' });
    expect(redactRemovedValues(Buffer.from('nothing here'), rules).isChanged).toBe(false);
  });

  it('changes nothing with the opt-out', () => {
    expect(redactUrl('ws://u:p@h/?token=1', new RedactionRules(noRedaction))).toBe('ws://u:p@h/?token=1');
  });
});

describe('redacted exports of the fixture', () => {
  const secrets = ['K3Y', 'dXNlcjpwYXNz', 'user:pass', 'abc123', 'team-42', 'hunter2', 'user:pw'];
  const options = { ...defaultRedaction, extraHeaderNames: ['X-Team-Secret'], payloadPatterns: [/hunter\d/] };

  it.each(['json', 'har', 'pcapng'] as const)('the %s export holds no secret, even inside base64', async (format) => {
    const bytes = await exportBytes(fixtureLog(), format, options);
    const text = bytes.toString('latin1');
    const decoded = [...text.matchAll(/"([A-Za-z0-9+/]{4,}={0,2})"/g)].map((match) => Buffer.from(match[1] as string, 'base64').toString('latin1'));
    for (const secret of secrets) expect([text, ...decoded].some((each) => each.includes(secret)), secret).toBe(false);
  });

  it('keeps frame and handshake lengths, marks the changed frame, lists names only', async () => {
    const text = (await exportBytes(fixtureLog(), 'json', options)).toString('utf8');
    const header = JSON.parse(`${text.split('\n')[0]!.slice(0, -1)}}`);
    expect(header.redactions).toEqual([
      { location: 'url-userinfo', name: 'userinfo' },
      { location: 'query-parameter', name: 'api_key' },
      { location: 'request-header', name: 'Authorization' },
      { location: 'request-header', name: 'X-Team-Secret' },
      { location: 'response-header', name: 'Set-Cookie' },
      { location: 'frame-payload', name: 'payload-pattern-1' },
    ]);
    const frame = JSON.parse(text.split('\n').find((line) => line.includes('"redacted":true'))!.replace(/,$/, ''));
    expect(Buffer.from(frame.payload, 'base64').toString()).toBe('hello password=*******');
    expect(frame.payloadLength).toBe(22);
  });

  it('an export with the opt-out keeps the secrets', async () => {
    expect((await exportBytes(fixtureLog(), 'har', noRedaction)).toString('utf8')).toContain('hunter2');
  });
});
