import { describe, expect, it } from 'vitest';
import { answerUpgrade, encodeAnswer } from '../../../electron/engine/listen/upgrade-answer.js';
import type { RequestHead } from '../../../shared/protocol/http-request-parser.js';
import type { HeaderPair } from '../../../shared/contract/records.js';

function head(headers: HeaderPair[], method = 'GET', httpVersion = '1.1'): RequestHead {
  return { requestLine: `${method} / HTTP/${httpVersion}`, method, target: '/', httpVersion, headers, rawHead: new Uint8Array(0) };
}

const valid: HeaderPair[] = [['Host', 'a'], ['Upgrade', 'websocket'], ['Connection', 'keep-alive, Upgrade'], ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='], ['Sec-WebSocket-Version', '13']];

describe('answerUpgrade', () => {
  it('§4.2.2: 101 with the accept value of the RFC example key', () => {
    const answer = answerUpgrade(head(valid), null);
    expect(answer.statusCode).toBe(101);
    expect(answer.headers).toContainEqual(['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=']);
    expect(encodeAnswer(answer).toString('latin1')).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n[\s\S]*\r\n\r\n$/);
  });

  it('426 with Sec-WebSocket-Version when the Upgrade header is missing (what a backend behind a bad proxy says)', () => {
    const answer = answerUpgrade(head(valid.filter(([name]) => name !== 'Upgrade')), null);
    expect(answer.statusCode).toBe(426);
    expect(answer.headers).toContainEqual(['Sec-WebSocket-Version', '13']);
    expect(encodeAnswer(answer).toString('latin1')).toContain(`Content-Length: ${Buffer.byteLength(answer.body)}`);
  });

  it('400 for a missing key or a wrong version, 405 for another method', () => {
    expect(answerUpgrade(head(valid.filter(([name]) => name !== 'Sec-WebSocket-Key')), null).statusCode).toBe(400);
    expect(answerUpgrade(head(valid.map(([name, value]): HeaderPair => (name === 'Sec-WebSocket-Version' ? [name, '8'] : [name, value]))), null).statusCode).toBe(400);
    expect(answerUpgrade(head(valid, 'POST'), null).statusCode).toBe(405);
  });

  it('accepts an HTTP/1.0 upgrade like ws does, and --respond overrides everything', () => {
    expect(answerUpgrade(head(valid, 'GET', '1.0'), null).statusCode).toBe(101);
    expect(answerUpgrade(head(valid), 503)).toMatchObject({ statusCode: 503, reason: 'Service Unavailable', isUpgrade: false });
  });

  it('§4.2.2 and RFC 7692: a 101 names the subprotocol and the permessage-deflate parameters it accepts, only when asked to accept them', () => {
    const offering: HeaderPair[] = [...valid, ['Sec-WebSocket-Protocol', 'chat.v1, chat.v2'], ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits']];
    const plainAnswer = answerUpgrade(head(offering), null);
    expect(plainAnswer.headers.map(([name]) => name)).toEqual(['Upgrade', 'Connection', 'Sec-WebSocket-Accept']);
    expect(plainAnswer).toMatchObject({ subprotocol: null, deflate: null });
    const accepting = answerUpgrade(head(offering), null, { subprotocols: ['chat.v2'], isDeflateAccepted: true });
    expect(accepting.headers).toContainEqual(['Sec-WebSocket-Protocol', 'chat.v2']);
    expect(accepting.headers).toContainEqual(['Sec-WebSocket-Extensions', 'permessage-deflate']);
    expect(accepting).toMatchObject({ subprotocol: 'chat.v2', deflate: { serverMaxWindowBits: 15, clientMaxWindowBits: 15 } });
    const malformed = answerUpgrade(head([...valid, ['Sec-WebSocket-Extensions', 'permessage-deflate; =']]), null, { subprotocols: [], isDeflateAccepted: true });
    expect(malformed).toMatchObject({ statusCode: 101, deflate: null });
  });
});

