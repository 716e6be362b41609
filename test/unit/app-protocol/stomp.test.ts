import { FrameImpl, Parser } from '@stomp/stompjs';
import { message as sentence } from '../../../shared/i18n/message.js';
import { describe, expect, it } from 'vitest';
import { StompDecoder } from '../../../shared/app-protocol/stomp/stomp-decoder.js';
import { StompDuties } from '../../../shared/app-protocol/stomp/stomp-duties.js';
import { encodeStomp } from '../../../shared/app-protocol/stomp/stomp-encoder.js';
import { stompProtocol } from '../../../shared/app-protocol/stomp/stomp-protocol.js';
import type { ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';
import { contextFor, decodeAll, plainBytes, texts, WireScript } from './app-protocol-fixtures.js';

const url = 'ws://127.0.0.1:15674/ws';

/** What @stomp/stompjs writes for a frame. */
function stompjs(command: string, headers: Record<string, string>, body = '', escapeHeaderValues = true): string {
  const frame = FrameImpl.marshall({ command, headers, body, escapeHeaderValues, skipContentLengthHeader: false });
  if (typeof frame !== 'string') throw new Error('stompjs wrote a text frame as binary');
  return frame;
}

function headersOf(message: ProtocolMessage | undefined): unknown {
  return (message?.tree as { headers?: unknown } | undefined)?.headers;
}

describe('STOMP decoding of what @stomp/stompjs writes', () => {
  it('links an ERROR that refuses the CONNECT to it (STOMP 1.2 "CONNECT or STOMP Frame"), and later ones only by receipt', () => {
    const wire = new WireScript();
    const decoder = new StompDecoder(contextFor(url, 'v12.stomp'));
    const [connect, refused] = decodeAll(decoder, [
      wire.message('out', stompjs('CONNECT', { 'accept-version': '1.2', host: 'nowhere' }, '', false)),
      wire.message('in', stompjs('ERROR', { message: 'Bad CONNECT' }, 'Virtual host does not exist')),
    ]);
    expect(refused?.links).toEqual([{ relation: 'answers', toIndex: connect?.index }]);
    const accepted = new StompDecoder(contextFor(url, 'v12.stomp'));
    const later = decodeAll(accepted, [
      wire.message('out', stompjs('CONNECT', { 'accept-version': '1.2', host: '/' }, '', false)),
      wire.message('in', stompjs('CONNECTED', { version: '1.2' }, '', false)),
      wire.message('in', stompjs('ERROR', { message: 'later trouble' })),
    ]);
    expect(later[2]?.links).toEqual([]);
  });

  it('reads a 1.2 session: CONNECT/CONNECTED heart-beats, SUBSCRIBE, MESSAGE, ACK, RECEIPT, with links', () => {
    const wire = new WireScript();
    const decoder = new StompDecoder(contextFor(url, 'v12.stomp'));
    const messages = decodeAll(decoder, [
      wire.message('out', stompjs('CONNECT', { 'accept-version': '1.2,1.1,1.0', 'heart-beat': '10000,10000', host: '/' }, '', false)),
      wire.message('in', stompjs('CONNECTED', { version: '1.2', 'heart-beat': '5000,20000', server: 'RabbitMQ/3.10.8' }, '', false)),
      wire.message('out', stompjs('SUBSCRIBE', { id: 'sub-0', destination: '/topic/a', ack: 'client-individual', receipt: 'r1' })),
      wire.message('in', stompjs('RECEIPT', { 'receipt-id': 'r1' }) as string, 800),
      wire.message('in', stompjs('MESSAGE', { subscription: 'sub-0', destination: '/topic/a', 'message-id': 'm1', ack: 'a1', 'x-odd': 'a:b\nc\\d' }, 'héllo')),
      wire.message('out', stompjs('ACK', { id: 'a1' }) as string, 400),
    ]);
    expect(messages.map((message) => message.summary)).toEqual([
      'STOMP CONNECT v1.2,1.1,1.0 heart-beat 10000,10000',
      'STOMP CONNECTED v1.2 heart-beat 5000,20000',
      'STOMP SUBSCRIBE /topic/a id=sub-0',
      'STOMP RECEIPT receipt-id=r1',
      'STOMP MESSAGE /topic/a',
      'STOMP ACK id=a1',
    ]);
    expect(messages[1]?.links).toEqual([{ relation: 'answers', toIndex: 1 }]);
    expect(messages[3]).toMatchObject({ links: [{ relation: 'answers', toIndex: 3 }], rttMicros: 800 });
    expect(messages[4]?.links).toEqual([{ relation: 'belongs-to', toIndex: 3 }]);
    expect(messages[5]).toMatchObject({ links: [{ relation: 'acknowledges', toIndex: 5 }], rttMicros: 400 });
    expect(headersOf(messages[4])).toContainEqual(['x-odd', 'a:b\nc\\d']);
    expect((messages[4]?.tree as { body: unknown }).body).toBe('héllo');
    expect(decoder.facts()).toMatchObject({ version: '1.2', clientHeartBeatMs: 10000, serverWantsHeartBeatMs: 20000 });
    expect(messages.every((message) => message.violations.length === 0)).toBe(true);
  });

  it('reads several frames and heart-beat EOLs in one message, and an EOL-only message as a heart-beat', () => {
    const wire = new WireScript();
    const decoder = new StompDecoder(contextFor(url, 'v12.stomp'));
    const two = `${stompjs('MESSAGE', { subscription: 's', destination: '/q/x', 'message-id': '1' }, 'a')}\n${stompjs('MESSAGE', { subscription: 's', destination: '/q/y', 'message-id': '2' }, 'b')}\r\n`;
    const messages = decodeAll(decoder, [wire.message('in', two), wire.message('in', '\n'), wire.message('in', '\r\n\n')]);
    expect(messages.map((message) => [message.summary, message.isControl])).toEqual([
      ['STOMP MESSAGE /q/x', false],
      ['STOMP MESSAGE /q/y', false],
      ['STOMP heart-beat', true],
      ['STOMP heart-beat ×2', true],
    ]);
  });

  it('reads a body holding NUL bytes through content-length, and waits for a body continued in the next message', () => {
    const wire = new WireScript();
    const decoder = new StompDecoder(contextFor(url, 'v12.stomp'));
    // stompjs returns a binary frame as an ArrayBuffer.
    const frame = plainBytes(FrameImpl.marshall({ command: 'SEND', headers: { destination: '/q' }, binaryBody: Uint8Array.of(0, 1, 0, 2), escapeHeaderValues: true, skipContentLengthHeader: false }) as ArrayBuffer);
    const first = wire.message('out', frame.slice(0, frame.length - 3));
    const second = wire.message('out', frame.slice(frame.length - 3));
    expect(decoder.push(first)).toEqual([]);
    const [message] = decoder.push(second);
    expect((message?.tree as { body: unknown }).body).toEqual(Uint8Array.of(0, 1, 0, 2));
    expect(message?.seqs).toEqual([1, 2]);
  });

  it('does not unescape 1.0 headers nor CONNECT headers', () => {
    const wire = new WireScript();
    const decoder = new StompDecoder(contextFor(url, 'v10.stomp'));
    const [message] = decoder.push(wire.message('in', 'MESSAGE\ndestination:/a\\nb\n\nx\0'));
    expect(headersOf(message)).toEqual([['destination', '/a\\nb']]);
  });
});

describe('STOMP encoder', () => {
  it('writes frames @stomp/stompjs parses back, escaping per version', () => {
    const frames: Array<{ command: string; headers: Array<[string, string]>; binaryBody: Uint8Array }> = [];
    const parser = new Parser((frame) => frames.push(frame as never), () => undefined);
    const [encoded] = encodeStomp({ kind: 'frame', command: 'SEND', headers: [['destination', '/topic/a'], ['x-note', 'a:b\r\nc']], body: 'hi' }, { version: '1.2' });
    expect(texts([encoded!])).toEqual(['SEND\ndestination:/topic/a\nx-note:a\\cb\\r\\nc\ncontent-length:2\n\nhi\0']);
    parser.parseChunk(new TextDecoder().decode(encoded!.bytes));
    const frame = FrameImpl.fromRawFrame(frames[0] as never, true);
    expect([frame.command, frame.headers, frame.body]).toEqual(['SEND', { destination: '/topic/a', 'x-note': 'a:b\r\nc', 'content-length': '2' }, 'hi']);
  });

  it('writes broken frames on purpose: no NUL, no escaping, a wrong content-length', () => {
    const [frame] = encodeStomp({ kind: 'frame', command: 'SEND', headers: [['a', 'x:y']], body: 'abc', contentLength: 1, escapeHeaders: false, terminate: false }, { version: '1.2' });
    expect(texts([frame!])).toEqual(['SEND\na:x:y\ncontent-length:1\n\nabc']);
    expect(texts(encodeStomp({ kind: 'heart-beat', eol: '\r\n' }, {}))).toEqual(['\r\n']);
  });
});

describe('STOMP violations', () => {
  const cases: Array<[string, string, string]> = [
    ['no NUL', 'SEND\ndestination:/a\n\nbody', 'stomp-missing-nul'],
    ['bad escape', 'SEND\ndestination:/a\\t\n\n\0', 'stomp-bad-escape'],
    ['header without colon', 'SEND\nnocolon\n\n\0', 'stomp-bad-header'],
    ['lower-case command', 'send\n\n\0', 'stomp-bad-command'],
    ['cut in the headers', 'SEND\ndestination:/a', 'stomp-truncated-frame'],
    ['content-length not a number', 'SEND\ncontent-length:x\n\n\0', 'stomp-bad-content-length'],
    ['content-length not followed by NUL', 'SEND\ncontent-length:1\n\nabc\0', 'stomp-missing-nul'],
  ];
  it.each(cases)('%s', (_name, text, rule) => {
    const wire = new WireScript();
    const [message] = new StompDecoder(contextFor(url, 'v12.stomp')).push(wire.message('in', text));
    expect(message?.violations.map((violation) => violation.rule)).toContain(rule);
  });
});

describe('STOMP duties (playbook)', () => {
  it('sends an EOL every max(cx, sy) ms of client silence, restarting on every outgoing frame', () => {
    const wire = new WireScript();
    const decoder = new StompDecoder(contextFor(url, 'v12.stomp'));
    const duties = new StompDuties(true);
    const feed = (direction: 'in' | 'out', text: string) => decoder.push(wire.message(direction, text)).flatMap((message) => duties.onMessage(message));
    expect(feed('out', 'CONNECT\naccept-version:1.2\nheart-beat:4000,0\n\n\0')).toEqual([]);
    expect(feed('in', 'CONNECTED\nversion:1.2\nheart-beat:0,6000\n\n\0')).toEqual([{ kind: 'arm-timer', timer: 'stomp heart-beat', delayMs: 6000 }]);
    expect(feed('out', 'SEND\ndestination:/a\n\n\0')).toEqual([{ kind: 'arm-timer', timer: 'stomp heart-beat', delayMs: 6000 }]);
    expect(duties.onTimer('stomp heart-beat')).toEqual([
      { kind: 'send', message: { isText: true, bytes: Uint8Array.of(0x0a) }, reason: 'STOMP heart-beat every 6000 ms', reasonText: sentence('protocols:duty.stompHeartBeat', { intervalMs: 6000 }) },
      { kind: 'arm-timer', timer: 'stomp heart-beat', delayMs: 6000 },
    ]);
    expect(duties.setEnabled(false)).toEqual([{ kind: 'cancel-timer', timer: 'stomp heart-beat' }]);
    expect(duties.onTimer('stomp heart-beat')).toEqual([]);
    expect(duties.setEnabled(true)).toEqual([{ kind: 'arm-timer', timer: 'stomp heart-beat', delayMs: 6000 }]);
  });

  it('sends nothing when either side declines heart-beats', () => {
    const wire = new WireScript();
    const decoder = new StompDecoder(contextFor(url, 'v12.stomp'));
    const duties = new StompDuties(true);
    const feed = (direction: 'in' | 'out', text: string) => decoder.push(wire.message(direction, text)).flatMap((message) => duties.onMessage(message));
    feed('out', 'CONNECT\nheart-beat:0,1000\n\n\0');
    expect(feed('in', 'CONNECTED\nversion:1.2\nheart-beat:1000,1000\n\n\0')).toEqual([]);
    expect(duties.onTimer('stomp heart-beat')).toEqual([]);
  });
});

describe('STOMP detection', () => {
  it('knows the subprotocols and a CONNECT frame', () => {
    expect(stompProtocol.detect(contextFor(url, 'v11.stomp'))).toMatchObject({ confidence: 'certain' });
    const wire = new WireScript();
    expect(stompProtocol.detect({ ...contextFor(url), firstMessages: [wire.message('out', 'CONNECT\n\n\0')] })).toMatchObject({ confidence: 'likely' });
    expect(stompProtocol.detect(contextFor(url))).toBeNull();
  });
});
