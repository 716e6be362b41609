import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResponseBodyReader } from '../../../shared/protocol/http-body-reader.js';
import { describeResponseHeadError, ResponseHeadParser, type ResponseHeadStep } from '../../../shared/protocol/http-response-parser.js';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

const switching =
  'HTTP/1.1 101 Switching Protocols\r\n' +
  'Upgrade: websocket\r\n' +
  'Connection: Upgrade\r\n' +
  'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n' +
  '\r\n';

function parseAll(chunks: readonly Uint8Array[], limits = {}): ResponseHeadStep {
  const parser = new ResponseHeadParser(limits);
  for (const [index, chunk] of chunks.entries()) {
    const step = parser.push(chunk);
    if (step.kind === 'need-more') continue;
    if (step.kind === 'error') return step;
    // Bytes after the head belong to the caller: the rest of this chunk and every later chunk.
    const after = [step.rest, ...chunks.slice(index + 1)].flatMap((part) => [...part]);
    return { ...step, rest: new Uint8Array(after) };
  }
  return parser.end();
}

function splitAt(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const p of points) { parts.push(data.subarray(start, p)); start = p; }
  parts.push(data.subarray(start));
  return parts;
}

describe('ResponseHeadParser', () => {
  it('parses a 101 head and hands back the frame bytes that followed it', () => {
    const frame = [0x81, 0x02, 0x68, 0x69];
    const step = parseAll([new Uint8Array([...bytes(switching), ...frame])]);
    expect(step.kind).toBe('head');
    if (step.kind !== 'head') return;
    expect(step.head).toMatchObject({ httpVersion: '1.1', statusCode: 101, reason: 'Switching Protocols' });
    expect(step.head.headers).toEqual([['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=']]);
    expect(Buffer.from(step.head.rawHead).toString('latin1')).toBe(switching);
    expect([...step.rest]).toEqual(frame);
  });

  it('gives the same answer however the bytes are split', () => {
    const data = new Uint8Array([...bytes(switching), 1, 2, 3]);
    const whole = parseAll([data]);
    for (let cut = 0; cut <= data.length; cut++) expect(parseAll([data.subarray(0, cut), data.subarray(cut)])).toEqual(whole);
    fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 20 }), (cuts) => {
      expect(parseAll(splitAt(data, cuts))).toEqual(whole);
    }));
    expect(parseAll([...data].map((b) => new Uint8Array([b])))).toEqual(whole);
  });

  it('keeps order, case, duplicates and prototype-looking names', () => {
    const step = parseAll([bytes('HTTP/1.1 101 OK\r\nSet-Cookie: a=1\r\n__proto__: polluted\r\nconstructor: x\r\nSET-COOKIE: b=2\r\n\r\n')]);
    expect(step.kind === 'head' && step.head.headers).toEqual([['Set-Cookie', 'a=1'], ['__proto__', 'polluted'], ['constructor', 'x'], ['SET-COOKIE', 'b=2']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts bare LF, empty reasons, a missing final SP, leading empty lines and obs-fold', () => {
    const step = parseAll([bytes('\r\nHTTP/1.0 426\nUpgrade:  websocket \t\nX-Long: a\r\n  b\r\n\n')]);
    expect(step).toMatchObject({ kind: 'head', head: { httpVersion: '1.0', statusCode: 426, reason: '', headers: [['Upgrade', 'websocket'], ['X-Long', 'a b']] } });
  });

  it('names what is wrong', () => {
    expect(parseAll([bytes('HTTP/1.1 1O1 Nope\r\n\r\n')])).toEqual({ kind: 'error', error: { error: 'bad-status-line', line: 'HTTP/1.1 1O1 Nope' } });
    expect(parseAll([bytes('SSH-2.0-OpenSSH\r\n\r\n')])).toMatchObject({ error: { error: 'bad-status-line' } });
    expect(parseAll([bytes('HTTP/1.1 101 OK\r\nUpgrade : websocket\r\n\r\n')])).toMatchObject({ error: { error: 'bad-header-line', line: 'Upgrade : websocket', lineNumber: 2 } });
    expect(parseAll([bytes('HTTP/1.1 101 OK\r\nX: a\rb\r\n\r\n')])).toMatchObject({ error: { error: 'bad-header-line' } });
    expect(parseAll([bytes('HTTP/1.1 101 OK\r\nX: 1\r\n')])).toEqual({ kind: 'error', error: { error: 'incomplete-head', receivedBytes: 23 } });
  });

  it('enforces the head size and header count limits', () => {
    const big = bytes(`HTTP/1.1 101 OK\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(parseAll([big])).toEqual({ kind: 'error', error: { error: 'head-too-large', limit: 16_384 } });
    expect(parseAll([big], { maxHeadBytes: 30_000 }).kind).toBe('head');
    const many = bytes(`HTTP/1.1 101 OK\r\n${'X: 1\r\n'.repeat(101)}\r\n`);
    expect(parseAll([many])).toEqual({ kind: 'error', error: { error: 'too-many-headers', limit: 100 } });
    expect(parseAll([bytes(`HTTP/1.1 101 OK\r\n${'X: 1\r\n'.repeat(100)}\r\n`)]).kind).toBe('head');
  });

  it('keeps the bytes of an unreadable head, up to the head limit, however they were split', () => {
    const received = (text: string, limits = {}): string[] => {
      const data = bytes(text);
      return [1, 7, 512, data.length].map((size) => {
        const parser = new ResponseHeadParser(limits);
        for (let at = 0; at < data.length; at += size) if (parser.push(data.subarray(at, at + size)).kind !== 'need-more') break;
        return Buffer.from(parser.received()).toString('latin1');
      });
    };
    const badLine = 'HTTP/1.1 101 OK\r\nX Bad\r\nY: 1\r\n\r\n';
    expect(new Set(received(badLine))).toEqual(new Set([badLine]));
    const big = `HTTP/1.1 101 OK\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`;
    expect(new Set(received(big))).toEqual(new Set([big.slice(0, 16_384)]));
    const many = `HTTP/1.1 101 OK\r\n${Array.from({ length: 5 }, (_, i) => `X-${i}: 1\r\n`).join('')}\r\n`;
    expect(new Set(received(many, { maxHeaderCount: 3 }))).toEqual(new Set(['HTTP/1.1 101 OK\r\nX-0: 1\r\nX-1: 1\r\nX-2: 1\r\nX-3: 1\r\n']));
    expect(new Set(received('HTTP/1.1 101 Swi'))).toEqual(new Set(['HTTP/1.1 101 Swi']));
  });

  it('says in words why a head is unreadable', () => {
    expect(describeResponseHeadError({ error: 'bad-header-line', line: 'X Bad', lineNumber: 3 })).toBe('line 3 is not a header field ("name: value"): "X Bad"');
    expect(describeResponseHeadError({ error: 'bad-status-line', line: 'SSH-2.0-OpenSSH' })).toBe('the status line is not "HTTP/x.y NNN reason": "SSH-2.0-OpenSSH"');
    expect(describeResponseHeadError({ error: 'too-many-headers', limit: 100 })).toBe('the response has more than 100 header lines');
    expect(describeResponseHeadError({ error: 'head-too-large', limit: 16_384 })).toBe('the response head is larger than 16384 bytes');
    expect(describeResponseHeadError({ error: 'bad-header-line', line: 'x'.repeat(200), lineNumber: 2 })).toHaveLength(`line 2 is not a header field ("name: value"): `.length + 83);
  });

  it('stays linear on long runs of whitespace fed a byte at a time', () => {
    const hostile = bytes(`HTTP/1.1 101 OK\r\nX:${' '.repeat(16_000)}`);
    const parser = new ResponseHeadParser();
    const started = Date.now();
    for (let i = 0; i < hostile.length; i++) parser.push(hostile.subarray(i, i + 1));
    const step = parser.push(bytes(' \r\n\r\n'));
    expect(step.kind === 'head' && step.head.headers).toEqual([['X', '']]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 5 }), (data, cuts) => {
      const step = parseAll(splitAt(data, cuts), { maxHeadBytes: 200, maxHeaderCount: 5 });
      expect(['head', 'error']).toContain(step.kind);
    }));
  });
});

describe('ResponseBodyReader', () => {
  function head(text: string) {
    const step = new ResponseHeadParser().push(bytes(text));
    if (step.kind !== 'head') throw new Error('no head');
    return step;
  }

  it('reads a Content-Length body and returns what follows', () => {
    const { head: h, rest } = head('HTTP/1.1 426 Upgrade Required\r\nContent-Length: 5\r\n\r\nhello+more');
    const reader = new ResponseBodyReader(h);
    expect(reader.push(rest)).toMatchObject({ kind: 'body', body: { framing: 'content-length', body: bytes('hello'), truncated: false }, rest: bytes('+more') });
  });

  it('decodes chunked bodies split anywhere and keeps the raw framing', () => {
    const wire = '4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n';
    const { head: h } = head('HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\nContent-Length: 99\r\n\r\n');
    for (let cut = 0; cut <= wire.length; cut++) {
      const reader = new ResponseBodyReader(h);
      const first = reader.push(bytes(wire.slice(0, cut)));
      const step = first.kind === 'body' ? first : reader.push(bytes(wire.slice(cut)));
      expect(step).toMatchObject({ kind: 'body', body: { framing: 'chunked', body: bytes('Wikipedia'), truncated: false, raw: bytes(wire) } });
    }
    const bad = new ResponseBodyReader(h);
    expect(bad.push(bytes('zz\r\n'))).toMatchObject({ kind: 'error', error: { error: 'bad-chunked-encoding' } });
  });

  it('reads until close, and stops at the limit', () => {
    const { head: h } = head('HTTP/1.0 200 OK\r\n\r\n');
    const reader = new ResponseBodyReader(h, { maxBodyBytes: 4 });
    expect(reader.push(bytes('abc'))).toEqual({ kind: 'need-more' });
    expect(reader.end()).toMatchObject({ body: { framing: 'until-close', body: bytes('abc'), truncated: false } });
    const limited = new ResponseBodyReader(h, { maxBodyBytes: 4 });
    expect(limited.push(bytes('abcdefgh'))).toMatchObject({ body: { body: bytes('abcd'), truncated: true } });
  });

  it('knows when there is no body, and rejects conflicting lengths', () => {
    expect(new ResponseBodyReader(head('HTTP/1.1 101 OK\r\n\r\n').head).push(bytes('x'))).toMatchObject({ body: { framing: 'none', body: new Uint8Array(0) }, rest: bytes('x') });
    expect(new ResponseBodyReader(head('HTTP/1.1 400 X\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n').head).push(bytes('abc'))).toMatchObject({ kind: 'error', error: { error: 'bad-content-length' } });
    expect(new ResponseBodyReader(head('HTTP/1.1 400 X\r\nContent-Length: 3\r\n\r\n').head).end()).toMatchObject({ body: { truncated: true } });
  });
});
