import { describe, expect, it } from 'vitest';
import type { HeaderPair } from '../../../shared/contract/records.js';
import { RequestHeadParser } from '../../../shared/protocol/http-request-parser.js';
import { relayTarget, tunnelUrl, upstreamUrlFor } from '../../../shared/relay/relay-target.js';
import { forwardableExtensionOffer, upstreamHeaders } from '../../../shared/relay/upstream-headers.js';
import { utf8 } from '../protocol/protocol-fixtures.js';

function head(requestLine: string) {
  const step = new RequestHeadParser().push(utf8(`${requestLine}\r\nHost: x\r\n\r\n`));
  if (step.kind !== 'head') throw new Error(`not a head: ${requestLine}`);
  return step.head;
}

describe('where a request goes (the relay as an HTTP proxy)', () => {
  it.each([
    ['CONNECT app.test:443 HTTP/1.1', { kind: 'connect', host: 'app.test', port: 443 }],
    ['CONNECT [::1]:9000 HTTP/1.1', { kind: 'connect', host: '::1', port: 9000 }],
    ['CONNECT app.test HTTP/1.1', { kind: 'invalid', reason: 'bad-authority' }],
    ['GET http://127.0.0.1:9000/chat?x=1 HTTP/1.1', { kind: 'absolute-form', url: 'ws://127.0.0.1:9000/chat?x=1', target: '/chat?x=1' }],
    ['GET http://app.test HTTP/1.1', { kind: 'absolute-form', url: 'ws://app.test:80/', target: '/' }],
    ['GET /socket HTTP/1.1', { kind: 'origin-form', target: '/socket' }],
    ['GET ftp://x/ HTTP/1.1', { kind: 'invalid', reason: 'bad-target' }],
  ])('%s', (line, target) => {
    expect(relayTarget(head(line))).toEqual(target);
  });

  it('a CONNECT tunnel with TLS inside goes to wss, without to ws', () => {
    expect(tunnelUrl('app.test', 443, true, '/live')).toBe('wss://app.test:443/live');
    expect(tunnelUrl('::1', 9000, false, '/')).toBe('ws://[::1]:9000/');
  });

  it('--to with a path is used as given; without one the client\'s path goes on', () => {
    expect(upstreamUrlFor('ws://up.test:8080/feed?v=2', '/other')).toBe('ws://up.test:8080/feed?v=2');
    expect(upstreamUrlFor('wss://up.test', '/chat?room=1')).toBe('wss://up.test/chat?room=1');
  });
});

describe('the upstream request headers', () => {
  const client: HeaderPair[] = [
    ['Host', '127.0.0.1:8080'],
    ['Connection', 'Upgrade, X-Hop'],
    ['Upgrade', 'websocket'],
    ['X-Hop', 'dropped: Connection names it'],
    ['Origin', 'http://app.test'],
    ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
    ['Sec-WebSocket-Version', '13'],
    ['Sec-WebSocket-Extensions', 'x-webkit-deflate-frame, permessage-deflate; client_max_window_bits'],
    ['Sec-WebSocket-Protocol', 'chat'],
    ['Cookie', 'a=1'],
    ['Proxy-Authorization', 'Basic eA=='],
  ];

  it('keeps the client\'s own headers in order, drops hop-by-hop and handshake headers, offers only permessage-deflate', () => {
    const offer = forwardableExtensionOffer(client);
    expect(offer).toBe('permessage-deflate; client_max_window_bits');
    expect(upstreamHeaders(client, offer, [])).toEqual([
      ['Origin', 'http://app.test'],
      ['Sec-WebSocket-Protocol', 'chat'],
      ['Cookie', 'a=1'],
      ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'],
    ]);
  });

  it('a user header replaces every client header of its name; one naming the extensions replaces the offer', () => {
    expect(upstreamHeaders(client, 'permessage-deflate', [['cookie', 'b=2'], ['Sec-WebSocket-Extensions', 'permessage-deflate; server_no_context_takeover'], ['X-Debug', '1']])).toEqual([
      ['Origin', 'http://app.test'],
      ['Sec-WebSocket-Protocol', 'chat'],
      ['cookie', 'b=2'],
      ['Sec-WebSocket-Extensions', 'permessage-deflate; server_no_context_takeover'],
      ['X-Debug', '1'],
    ]);
  });

  it('no offer when the client offered nothing the relay can read', () => {
    expect(forwardableExtensionOffer([['Sec-WebSocket-Extensions', 'x-webkit-deflate-frame']])).toBeNull();
    expect(forwardableExtensionOffer([])).toBeNull();
  });
});
