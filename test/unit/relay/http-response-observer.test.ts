import { describe, expect, it } from 'vitest';
import { HttpResponseObserver } from '../../../shared/relay/http-response-observer.js';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

/** Feeds `bytes` split at `cuts` (sorted offsets), then ends the stream when asked. */
function observe(bytes: Uint8Array, cuts: readonly number[], options: { method?: string; maxStartBytes?: number; isEnded?: boolean } = {}): HttpResponseObserver {
  const observer = new HttpResponseObserver(options.method ?? 'GET', options.maxStartBytes ?? 4096);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    observer.push(bytes.subarray(from, cut));
    from = cut;
  }
  if (options.isEnded) observer.end();
  return observer;
}

const engineIoHandshake = '0{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';
const contentLength = ascii(`HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Length: ${engineIoHandshake.length}\r\n\r\n${engineIoHandshake}`);
const chunked = ascii('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-Trailer: yes\r\n\r\n');

describe('HttpResponseObserver: the server side of a passed-through exchange, bounded', () => {
  it('reads a Content-Length response the same at every split point', () => {
    for (let cut = 0; cut <= contentLength.length; cut++) {
      const observed = observe(contentLength, [cut]).observed();
      expect(observed.head?.statusCode).toBe(200);
      expect(observed.isComplete).toBe(true);
      expect(observed.body?.byteLength).toBe(engineIoHandshake.length);
      expect(text(observed.body?.start)).toBe(engineIoHandshake);
      expect(observed.body?.isTruncated).toBe(false);
    }
  });

  it('decodes a chunked body (extensions, trailer) the same whatever two cuts split it', () => {
    for (let first = 0; first <= chunked.length; first += 3) {
      for (let second = first; second <= chunked.length; second += 5) {
        const observed = observe(chunked, [first, second]).observed();
        expect(observed.isComplete, `cuts ${first}, ${second}`).toBe(true);
        expect(text(observed.body?.start)).toBe('Wikipedia in \r\n\r\nchunks.');
        expect(observed.body?.byteLength).toBe(24);
        expect(observed.body?.framing).toBe('chunked');
      }
    }
  });

  it('is not complete while a chunked body is still coming, and says so once the server closes', () => {
    const observer = observe(chunked.subarray(0, chunked.length - 10), []);
    expect(observer.isComplete).toBe(false);
    observer.end();
    expect(observer.observed().isComplete).toBe(false);
    expect(observer.observed().problem).toBeNull();
  });

  it('counts an oversized body but keeps only its first bytes, in chunks and by length', () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const length = 16 * chunk.length;
    const observer = new HttpResponseObserver('GET', 4096);
    observer.push(ascii(`HTTP/1.1 200 OK\r\nContent-Length: ${length}\r\n\r\n`));
    for (let n = 0; n < 16; n++) observer.push(chunk);
    const observed = observer.observed();
    expect(observed.isComplete).toBe(true);
    expect(observed.body?.byteLength).toBe(length);
    expect(observed.body?.start.length).toBe(4096);
    expect(observed.body?.isTruncated).toBe(true);

    const chunkedBig = new HttpResponseObserver('GET', 4096);
    chunkedBig.push(ascii('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'));
    for (let n = 0; n < 16; n++) {
      chunkedBig.push(ascii(`${chunk.length.toString(16)}\r\n`));
      chunkedBig.push(chunk);
      chunkedBig.push(ascii('\r\n'));
    }
    chunkedBig.push(ascii('0\r\n\r\n'));
    expect(chunkedBig.observed()).toMatchObject({ isComplete: true, body: { byteLength: length, isTruncated: true } });
    expect(chunkedBig.observed().body?.start.length).toBe(4096);
  });

  it('reads until close when the response names no length', () => {
    const observer = observe(ascii('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it'), [20], { isEnded: false });
    expect(observer.isComplete).toBe(false);
    observer.end();
    expect(observer.observed()).toMatchObject({ isComplete: true, body: { byteLength: 9, framing: 'until-close' } });
  });

  it('skips 100 Continue for the final response, and a response to HEAD has no body', () => {
    const continued = observe(ascii('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n'), [10, 30]).observed();
    expect(continued.head?.statusCode).toBe(204);
    expect(continued.isComplete).toBe(true);
    const head = observe(ascii('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n'), [], { method: 'HEAD' }).observed();
    expect(head).toMatchObject({ isComplete: true, body: { byteLength: 0 } });
  });

  it('names what it cannot read, and a server that closed before answering sent no response', () => {
    expect(observe(ascii('SSH-2.0-OpenSSH\r\n\r\n'), [], { isEnded: true }).observed().problem).toMatch(/status line/);
    expect(observe(ascii('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'), [], { isEnded: true }).observed().problem).toMatch(/not a chunk size/);
    expect(observe(ascii('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n'), []).observed().problem).toMatch(/Content-Length/);
    const silent = observe(new Uint8Array(0), [], { isEnded: true }).observed();
    expect(silent).toMatchObject({ head: null, problem: null, isComplete: false });
  });
});
