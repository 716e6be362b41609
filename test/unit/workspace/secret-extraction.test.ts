import { describe, expect, it } from 'vitest';
import { extractSecrets } from '../../../electron/engine/workspace/secret-extraction.js';
import { mapQueryValues, mapUserinfo } from '../../../shared/text/url-parts.js';
import { connectionFileSchema } from '../../../shared/workspace/connection-file.js';

describe('URL parts', () => {
  it('rewrite only the userinfo and the query values, leaving the rest byte for byte', () => {
    const url = 'wss://bob:pw@Host:8443/a%2Fb?x=1&flag&to%6Ben=abc+d#frag?y=2';
    expect(mapUserinfo(url, (info) => info.toUpperCase())).toBe('wss://BOB:PW@Host:8443/a%2Fb?x=1&flag&to%6Ben=abc+d#frag?y=2');
    expect(mapQueryValues(url, (name, value) => `${name}:${value.length}`)).toBe('wss://bob:pw@Host:8443/a%2Fb?x=x:1&flag&to%6Ben=token:5#frag?y=2');
    expect(mapQueryValues('ws://h/p?%zz=1', (name) => name)).toBe('ws://h/p?%zz=%zz');
    expect(mapQueryValues('ws://h/p#no?q=1', () => 'x')).toBe('ws://h/p#no?q=1');
  });
});

describe('secret extraction from a connection', () => {
  it('moves the URL password, token query values, secret headers and the proxy password into variables', () => {
    const file = connectionFileSchema.parse({
      format: 'frameline-connection', version: 1, id: 'chat', name: 'Chat',
      options: {
        url: 'wss://bob:s3cret@example.test/chat?room=1&access_token=T0K&sig={{sig}}',
        headers: [['Authorization', 'Bearer abc'], ['X-Trace', 'keep']],
        proxy: { kind: 'socks5', host: '127.0.0.1', port: 1080, username: 'u', password: 'pp' },
      },
    });
    const { file: safe, secrets } = extractSecrets(file);
    expect(safe.options.url).toBe('wss://bob:{{chat.url-password}}@example.test/chat?room=1&access_token={{chat.query-access_token}}&sig={{sig}}');
    expect(safe.options.headers).toEqual([['Authorization', '{{chat.authorization}}'], ['X-Trace', 'keep']]);
    expect(safe.options.proxy).toMatchObject({ password: '{{chat.proxy-password}}' });
    expect(secrets).toEqual({ 'chat.url-password': 's3cret', 'chat.query-access_token': 'T0K', 'chat.authorization': 'Bearer abc', 'chat.proxy-password': 'pp' });
  });
});
