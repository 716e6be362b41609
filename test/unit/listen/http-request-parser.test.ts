import { describe, expect, it } from 'vitest';
import { RequestHeadParser, type RequestHeadStep } from '../../../shared/protocol/http-request-parser.js';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const upgrade = 'GET /chat?x=1 HTTP/1.1\r\nHost: server.example\r\nUpgrade: websocket\r\nconnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nX-Dup: a\r\nX-Dup: b\r\n\r\n';

function parseWhole(text: string): RequestHeadStep {
  return new RequestHeadParser().push(bytes(text));
}

describe('RequestHeadParser', () => {
  it('parses the request line and keeps headers in order, with case and duplicates', () => {
    const step = parseWhole(upgrade);
    expect(step.kind).toBe('head');
    if (step.kind !== 'head') return;
    expect(step.head).toMatchObject({ requestLine: 'GET /chat?x=1 HTTP/1.1', method: 'GET', target: '/chat?x=1', httpVersion: '1.1' });
    expect(step.head.headers).toEqual([
      ['Host', 'server.example'], ['Upgrade', 'websocket'], ['connection', 'Upgrade'], ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='], ['Sec-WebSocket-Version', '13'], ['X-Dup', 'a'], ['X-Dup', 'b'],
    ]);
    expect(Buffer.from(step.head.rawHead).toString('latin1')).toBe(upgrade);
    expect(step.rest.length).toBe(0);
  });

  it('gives the same head for every split of the bytes, and hands back bytes after the head', () => {
    const input = bytes(`${upgrade}\x81\x05`);
    for (let split = 1; split < input.length; split++) {
      const parser = new RequestHeadParser();
      const first = parser.push(input.subarray(0, split));
      const step = first.kind === 'need-more' ? parser.push(input.subarray(split)) : first;
      expect(step.kind, `split at ${split}`).toBe('head');
      if (step.kind === 'head') {
        expect(step.head.requestLine).toBe('GET /chat?x=1 HTTP/1.1');
        // Once the head is complete the caller owns the stream: later chunks are frames, not the parser's.
        const rest = first.kind === 'head' ? [...step.rest, ...input.subarray(split)] : [...step.rest];
        expect(rest).toEqual([0x81, 0x05]);
      }
    }
  });

  it('accepts HTTP/1.0 and bare LF line ends', () => {
    const step = parseWhole('GET / HTTP/1.0\nHost: a\n\n');
    expect(step.kind === 'head' && step.head.httpVersion).toBe('1.0');
  });

  it.each([
    ['GET  / HTTP/1.1', 'double space'],
    ['GET / HTTP/1.1 extra', 'four parts'],
    ['GET /\x01 HTTP/1.1', 'control in target'],
    ['G(T / HTTP/1.1', 'non-token method'],
    ['GET / HTTP/11', 'bad version'],
  ])('refuses the request line %j (%s)', (line) => {
    const step = parseWhole(`${line}\r\nHost: a\r\n\r\n`);
    expect(step.kind === 'error' && step.error.error).toBe('bad-request-line');
  });

  it('refuses obs-fold and whitespace before the colon (RFC 9112 §5)', () => {
    expect(parseWhole('GET / HTTP/1.1\r\nA: b\r\n  folded\r\n\r\n')).toMatchObject({ kind: 'error', error: { error: 'bad-header-line', lineNumber: 3 } });
    expect(parseWhole('GET / HTTP/1.1\r\nA : b\r\n\r\n')).toMatchObject({ kind: 'error', error: { error: 'bad-header-line' } });
  });

  it('enforces the head size and header count limits', () => {
    expect(new RequestHeadParser({ maxHeadBytes: 64 }).push(bytes(upgrade))).toMatchObject({ kind: 'error', error: { error: 'head-too-large', limit: 64 } });
    expect(new RequestHeadParser({ maxHeaderCount: 3 }).push(bytes(upgrade))).toMatchObject({ kind: 'error', error: { error: 'too-many-headers', limit: 3 } });
  });

  it('reports an incomplete head at the end of the stream, and stays finished', () => {
    const parser = new RequestHeadParser();
    expect(parser.push(bytes('GET / HTTP/1.1\r\nHost'))).toEqual({ kind: 'need-more' });
    expect(parser.end()).toMatchObject({ kind: 'error', error: { error: 'incomplete-head', receivedBytes: 20 } });
    expect(parser.push(bytes('\r\n\r\n')).kind).toBe('error');
  });

  it('stays linear on a huge header line (no backtracking)', () => {
    const parser = new RequestHeadParser({ maxHeadBytes: 4 * 1024 * 1024 });
    const step = parser.push(bytes(`GET / HTTP/1.1\r\nX: ${'a '.repeat(1_000_000)}\r\n\r\n`));
    expect(step.kind).toBe('head');
  });
});
