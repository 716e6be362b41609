import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HandshakeCheck, HeaderPair } from '../../../shared/contract/records.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { checkHandshake, computeAccept } from '../../../shared/protocol/handshake-checks.js';
import { hopByHopHeaders, isHopByHopHeader } from '../../../shared/protocol/hop-by-hop.js';

const request: HeaderPair[] = [
  ['Host', 'server.example.com'],
  ['Upgrade', 'websocket'],
  ['Connection', 'Upgrade'],
  ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
  ['Sec-WebSocket-Version', '13'],
  ['Sec-WebSocket-Protocol', 'chat, superchat'],
  ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'],
];

const good: HeaderPair[] = [
  ['Upgrade', 'WebSocket'],
  ['Connection', 'keep-alive, Upgrade'],
  ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
  ['Sec-WebSocket-Protocol', 'chat'],
  ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits=10'],
];

function failures(statusCode: number, responseHeaders: HeaderPair[], requestHeaders: HeaderPair[] = request) {
  return checkHandshake({ requestHeaders, statusCode, responseHeaders }).filter((c) => !c.ok).map((c) => c.id);
}

describe('computeAccept', () => {
  it('reproduces the RFC 6455 §1.3 example, with the pure or an injected SHA-1', () => {
    expect(computeAccept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    const nodeSha1 = (data: Uint8Array) => new Uint8Array(createHash('sha1').update(data).digest());
    for (const key of ['x3JJHMbDL1EzLkh9GBhXDw==', 'AQIDBAUGBwgJCgsMDQ4PEC==', '']) {
      expect(computeAccept(key)).toBe(computeAccept(key, nodeSha1));
    }
  });
});

describe('checkHandshake', () => {
  it('passes every check for a correct response, in a stable order', () => {
    const checks = checkHandshake({ requestHeaders: request, statusCode: 101, responseHeaders: good });
    expect(checks.map((c) => c.id)).toEqual(['status-101', 'upgrade', 'connection', 'accept', 'extensions-offered', 'subprotocol-offered']);
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('explains what a proxy that dropped the hop-by-hop headers leaves behind', () => {
    const checks = checkHandshake({ requestHeaders: request, statusCode: 426, responseHeaders: [['Content-Type', 'text/plain']] });
    expect(checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['status-101', 'upgrade', 'connection', 'accept']);
    expect(checks[0]!.detail).toBe('expected 101, got 426');
    expect(checks[1]!.detail).toMatch(/hop-by-hop/);
  });

  it('flags a wrong accept, a wrong upgrade and a connection without the token', () => {
    const bad: HeaderPair[] = [['Upgrade', 'h2c'], ['Connection', 'keep-alive'], ['Sec-WebSocket-Accept', 'AAAA']];
    expect(failures(101, bad)).toEqual(['upgrade', 'connection', 'accept']);
    const doubled: HeaderPair[] = [...good.slice(0, 3), ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=']];
    expect(failures(101, doubled)).toEqual(['accept']);
    expect(failures(101, good, request.filter(([n]) => n !== 'Sec-WebSocket-Key'))).toContain('accept');
  });

  it('flags extensions and parameters that were never offered', () => {
    const withExt = (value: string): HeaderPair[] => [...good.slice(0, 3), ['Sec-WebSocket-Extensions', value]];
    expect(failures(101, withExt('x-webkit-deflate-frame'))).toEqual(['extensions-offered']);
    expect(failures(101, withExt('permessage-deflate; server_max_window_bits=16'))).toEqual(['extensions-offered']);
    expect(failures(101, withExt('permessage-deflate; server_no_context_takeover'))).toEqual([]);
    expect(failures(101, withExt('permessage-deflate'), request.slice(0, 5))).toEqual(['extensions-offered']);
    const custom: HeaderPair[] = [...request.slice(0, 5), ['Sec-WebSocket-Extensions', 'x-foo; a=1']];
    expect(failures(101, withExt('x-foo; a=2'), custom)).toEqual([]);
    expect(failures(101, withExt('x-foo; b'), custom)).toEqual(['extensions-offered']);
  });

  it('flags a subprotocol that was not offered, or several', () => {
    const withProtocol = (value: string): HeaderPair[] => [...good.slice(0, 3), ['Sec-WebSocket-Protocol', value]];
    expect(failures(101, withProtocol('graphql-ws'))).toEqual(['subprotocol-offered']);
    expect(failures(101, withProtocol('chat, superchat'))).toEqual(['subprotocol-offered']);
    expect(failures(101, withProtocol('superchat'))).toEqual([]);
    expect(failures(101, good.slice(0, 3))).toEqual([]);
  });
});

describe('check details in both languages', () => {
  const chinese = createTranslate('zh-CN');
  const withHeader = (name: string, value: string): HeaderPair[] => [...good.slice(0, 3), [name, value]];
  // One response for each worded branch, so every detail is rendered in English and in Chinese.
  const responses: [number, HeaderPair[], HeaderPair[]?][] = [
    [101, good],
    [426, [['Content-Type', 'text/plain']]],
    [101, [['Upgrade', 'h2c'], ['Connection', 'keep-alive'], ['Sec-WebSocket-Accept', 'AAAA']]],
    [101, [...good.slice(0, 3), ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=']]],
    [101, good, request.filter(([name]) => name !== 'Sec-WebSocket-Key')],
    [101, withHeader('Sec-WebSocket-Extensions', 'x-webkit-deflate-frame')],
    [101, withHeader('Sec-WebSocket-Extensions', 'permessage-deflate; server_max_window_bits=16')],
    [101, withHeader('Sec-WebSocket-Extensions', 'x-foo; b'), [...request.slice(0, 5), ['Sec-WebSocket-Extensions', 'x-foo']]],
    [101, withHeader('Sec-WebSocket-Extensions', '; ;')],
    [101, withHeader('Sec-WebSocket-Protocol', 'graphql-ws')],
    [101, withHeader('Sec-WebSocket-Protocol', 'graphql-ws'), request.filter(([name]) => name !== 'Sec-WebSocket-Protocol')],
    [101, withHeader('Sec-WebSocket-Protocol', 'chat, superchat')],
    [101, good.slice(0, 3)],
    [101, good.slice(0, 3), request.filter(([name]) => name !== 'Sec-WebSocket-Protocol')],
  ];
  const checks: HandshakeCheck[] = responses.flatMap(([statusCode, responseHeaders, requestHeaders]) =>
    checkHandshake({ requestHeaders: requestHeaders ?? request, statusCode, responseHeaders }),
  );

  it.each(checks.map((check) => [check.id, check.detail, check] as const))('%s "%s": the English text is the message rendered in English, and it reads in Chinese', (_id, _detail, check) => {
    expect(check.i18n).toBeDefined();
    expect(englishText(check.i18n!)).toBe(check.detail);
    const text = renderMessage(chinese, check.i18n!);
    expect(text).not.toMatch(/failure:|common:/);
    // Values that are data (a header line, a status line) are the same in both languages.
    if (check.i18n!.key !== 'common:verbatim') expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps header names and values exact in the Chinese text', () => {
    const dropped = checkHandshake({ requestHeaders: request, statusCode: 426, responseHeaders: [] });
    expect(dropped.map((check) => renderMessage(chinese, check.i18n!))).toEqual([
      '应为 101，实际是 426',
      '响应里没有 Upgrade 头（它是逐跳头，可能被中间的代理去掉了）',
      '响应里没有 Connection 头（它是逐跳头，可能被中间的代理去掉了）',
      '响应里没有 Sec-WebSocket-Accept；应为 s3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
      '服务器没有接受任何扩展',
      '服务器没有选择子协议',
    ]);
  });
});

describe('hop-by-hop headers', () => {
  it('knows the RFC 9110 §7.6.1 list in any case, plus names listed in Connection', () => {
    for (const name of ['Connection', 'UPGRADE', 'keep-alive', 'Proxy-Connection', 'TE', 'Trailer', 'Transfer-Encoding', 'Proxy-Authorization', 'Proxy-Authenticate']) {
      expect(isHopByHopHeader(name)).toBe(true);
    }
    expect(hopByHopHeaders).toHaveLength(9);
    expect(isHopByHopHeader('Sec-WebSocket-Key')).toBe(false);
    expect(isHopByHopHeader('X-Custom', ['x-custom'])).toBe(true);
    expect(isHopByHopHeader('__proto__')).toBe(false);
  });
});
