import { JsonHubProtocol, MessageType, NullLogger } from '@microsoft/signalr';
import type { HubMessage as ReferenceHubMessage } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { describe, expect, it } from 'vitest';
import { SignalrDecoder } from '../../../shared/app-protocol/signalr/signalr-decoder.js';
import { SignalrDuties } from '../../../shared/app-protocol/signalr/signalr-duties.js';
import { encodeSignalr } from '../../../shared/app-protocol/signalr/signalr-encoder.js';
import { signalrProtocol } from '../../../shared/app-protocol/signalr/signalr-protocol.js';
import { contextFor, decodeAll, encoded, plainBytes, texts, WireScript } from './app-protocol-fixtures.js';

const url = 'ws://127.0.0.1:5000/chathub?id=abc';
const json = new JsonHubProtocol();
const msgpack = new MessagePackHubProtocol();

/** Messages as Microsoft's clients are asked to send them. */
const hubMessages: ReferenceHubMessage[] = [
  { type: MessageType.Invocation, invocationId: '1', target: 'SendMessage', arguments: ['ann', { text: 'hi', n: 2 }], headers: {} },
  { type: MessageType.StreamInvocation, invocationId: '2', target: 'Counter', arguments: [3], headers: {} },
  { type: MessageType.StreamItem, invocationId: '2', item: 1, headers: {} },
  { type: MessageType.Completion, invocationId: '2', headers: {} },
  { type: MessageType.Completion, invocationId: '1', result: 'stored', headers: {} },
  { type: MessageType.Invocation, target: 'Notify', arguments: [], headers: {} },
  { type: MessageType.CancelInvocation, invocationId: '2', headers: {} },
  { type: MessageType.Ping },
  { type: MessageType.Close, error: 'server shutting down', allowReconnect: true },
];
const directions: Array<'in' | 'out'> = ['out', 'out', 'in', 'in', 'in', 'in', 'out', 'in', 'in'];

const expectedSummaries = [
  'signalr handshake json v1',
  'signalr handshake accepted',
  'signalr Invocation SendMessage("ann",{"text":"hi","n":2}) id=1',
  'signalr StreamInvocation Counter(3) id=2',
  'signalr StreamItem id=2 1',
  'signalr Completion id=2 void',
  'signalr Completion id=1 "stored"',
  'signalr Invocation Notify()',
  'signalr CancelInvocation id=2',
  'signalr Ping',
  'signalr Close server shutting down',
];

describe('SignalR JSON hub protocol, as @microsoft/signalr writes it', () => {
  it('reads the handshake and every message type, with completions linked to their invocations', () => {
    const wire = new WireScript();
    const messages = decodeAll(new SignalrDecoder(contextFor(url)), [
      wire.message('out', '{"protocol":"json","version":1}\u001e'),
      wire.message('in', '{}\u001e'),
      ...hubMessages.map((message, i) => wire.message(directions[i] as 'in' | 'out', json.writeMessage(message) as string)),
    ]);
    expect(messages.map((message) => message.summary)).toEqual(expectedSummaries);
    expect(messages[2]?.tree).toMatchObject({ target: 'SendMessage', arguments: ['ann', { text: 'hi', n: 2 }], invocationId: '1' });
    expect(messages[4]?.links).toEqual([{ relation: 'belongs-to', toIndex: 4 }]);
    expect(messages[5]?.links).toEqual([{ relation: 'completes', toIndex: 4 }]);
    expect(messages[6]).toMatchObject({ links: [{ relation: 'completes', toIndex: 3 }], rttMicros: 4000 });
    expect(messages[9]?.isControl).toBe(true);
    expect(messages.every((message) => message.violations.length === 0)).toBe(true);
  });

  it('reads several records in one message', () => {
    const wire = new WireScript();
    const decoder = new SignalrDecoder(contextFor(url));
    decoder.push(wire.message('out', '{"protocol":"json","version":1}\u001e'));
    const messages = decoder.push(wire.message('in', `{}\u001e${json.writeMessage({ type: MessageType.Ping }) as string}${json.writeMessage({ type: MessageType.Ping }) as string}`));
    expect(messages.map((message) => message.kind)).toEqual(['handshake-response', 'Ping', 'Ping']);
  });
});

describe('SignalR MessagePack hub protocol, as @microsoft/signalr-protocol-msgpack writes it', () => {
  it('reads every message type from length-prefixed binary records', () => {
    const wire = new WireScript();
    const decoder = new SignalrDecoder(contextFor(url));
    const messages = decodeAll(decoder, [
      wire.message('out', '{"protocol":"messagepack","version":1}\u001e'),
      wire.message('in', '{}\u001e'),
      ...hubMessages.map((message, i) => wire.message(directions[i] as 'in' | 'out', plainBytes(msgpack.writeMessage(message)))),
    ]);
    // The msgpack client writes Close as [7, null]: clients never send a close error, so it drops it.
    expect(messages.map((message) => message.summary)).toEqual(['signalr handshake messagepack v1', ...expectedSummaries.slice(1, -1), 'signalr Close']);
    expect(decoder.facts()).toMatchObject({ mode: 'messagepack' });
    expect(messages.every((message) => message.violations.length === 0)).toBe(true);
  });
});

describe('SignalR encoder', () => {
  it('writes JSON messages JsonHubProtocol parses back, arguments as typed', () => {
    const [invoke] = encoded(encodeSignalr({ kind: 'invoke', target: 'SendMessage', argumentsJson: '"ann", {"text":"hi"}', invocationId: '5' }, { mode: 'json' }));
    expect(json.parseMessages(texts([invoke!])[0] as string, NullLogger.instance)).toEqual([{ type: 1, invocationId: '5', target: 'SendMessage', arguments: ['ann', { text: 'hi' }] }]);
    expect(texts(encoded(encodeSignalr({ kind: 'handshake', protocol: 'json' }, {})))).toEqual(['{"protocol":"json","version":1}\u001e']);
  });

  it('writes MessagePack messages the msgpack protocol parses back, and refuses arguments that are not JSON', () => {
    const [invoke] = encoded(encodeSignalr({ kind: 'invoke', target: 'Echo', argumentsJson: '1, "two"', invocationId: '9' }, { mode: 'messagepack' }));
    const bytes = invoke!.bytes;
    const parsed = msgpack.parseMessages(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, NullLogger.instance);
    expect(parsed).toEqual([{ type: 1, headers: {}, invocationId: '9', target: 'Echo', arguments: [1, 'two'], streamIds: [] }]);
    expect(encodeSignalr({ kind: 'invoke', target: 'Echo', argumentsJson: '{oops' }, { mode: 'messagepack' })).toMatchObject({ reason: expect.stringContaining('MessagePack needs valid JSON') });
  });
});

describe('classic ASP.NET SignalR, from its documented message shapes', () => {
  const classicUrl = 'ws://legacy.test/signalr/connect?transport=webSockets&clientProtocol=1.5&connectionToken=tok&connectionData=%5B%7B%22name%22%3A%22chathub%22%7D%5D&tid=3';

  it('reads init, keep-alives, hub calls, invocations and their results', () => {
    const wire = new WireScript();
    const messages = decodeAll(new SignalrDecoder(contextFor(classicUrl)), [
      wire.message('in', '{"C":"s-0,2CDDE7A|1,23ADE88","S":1,"M":[]}'),
      wire.message('in', '{}'),
      wire.message('out', '{"H":"chathub","M":"Send","A":["ann","hello"],"I":0}'),
      wire.message('in', '{"C":"d-5F5D3F1D-B,0|C,1","M":[{"H":"ChatHub","M":"broadcastMessage","A":["ann","hello"]}]}'),
      wire.message('in', '{"I":"0","R":true}', 900),
      wire.message('out', '{"H":"chathub","M":"Fail","A":[],"I":1}'),
      wire.message('in', '{"I":"1","E":"Hub method failed"}'),
    ]);
    expect(messages.map((message) => [message.summary, message.isControl])).toEqual([
      ['signalr classic init', false],
      ['signalr classic keep-alive', true],
      ['signalr classic invoke chathub.Send("ann","hello") I=0', false],
      ['signalr classic ChatHub.broadcastMessage("ann","hello")', false],
      ['signalr classic result I=0 true', false],
      ['signalr classic invoke chathub.Fail() I=1', false],
      ['signalr classic error I=1 Hub method failed', false],
    ]);
    expect(messages[4]).toMatchObject({ links: [{ relation: 'completes', toIndex: 3 }], rttMicros: 1900 });
    expect(messages[6]?.links).toEqual([{ relation: 'completes', toIndex: 6 }]);
  });

  it('encodes a classic hub invocation', () => {
    expect(texts(encoded(encodeSignalr({ kind: 'classic-invoke', hub: 'chathub', method: 'Send', argumentsJson: '"a"', invocationId: '3' }, { mode: 'classic' })))).toEqual(['{"H":"chathub","M":"Send","A":["a"],"I":"3"}']);
  });
});

describe('SignalR violations', () => {
  it.each([
    ['a record without its separator', 'json', '{"type":6}', 'signalr-missing-record-separator'],
    ['a record that is not JSON', 'json', '{"type":\u001e', 'signalr-malformed-message'],
    ['an invocation without a target', 'json', '{"type":1,"arguments":[]}\u001e', 'signalr-malformed-message'],
    ['a truncated MessagePack record', 'binary', '05 93 01', 'signalr-malformed-length-prefix'],
    ['a MessagePack record that is not an array', 'binary', '01 c0', 'signalr-malformed-message'],
  ])('%s', (_name, kind, data, rule) => {
    const wire = new WireScript();
    const decoder = new SignalrDecoder(contextFor(url));
    decoder.push(wire.message('out', '{"protocol":"json","version":1}\u001e'));
    decoder.push(wire.message('in', '{}\u001e'));
    const payload = kind === 'binary' ? Uint8Array.from(data.split(' ').map((hex) => parseInt(hex, 16))) : data;
    const messages = decoder.push(wire.message('in', payload));
    expect(messages.flatMap((message) => message.violations.map((violation) => violation.rule))).toContain(rule);
  });
});

describe('SignalR duties (playbook)', () => {
  it('pings after the keep-alive interval of client silence once the handshake is accepted', () => {
    const wire = new WireScript();
    const decoder = new SignalrDecoder(contextFor(url));
    const duties = new SignalrDuties(true, 1000);
    const feed = (direction: 'in' | 'out', text: string) => decoder.push(wire.message(direction, text)).flatMap((message) => duties.onMessage(message));
    expect(feed('out', '{"protocol":"json","version":1}\u001e')).toEqual([]);
    expect(duties.onTimer('signalr ping')).toEqual([]);
    expect(feed('in', '{}\u001e')).toEqual([{ kind: 'arm-timer', timer: 'signalr ping', delayMs: 1000 }]);
    const fired = duties.onTimer('signalr ping');
    expect(fired.map((command) => (command.kind === 'send' ? new TextDecoder().decode(command.message.bytes) : command.kind))).toEqual(['{"type":6}\u001e', 'arm-timer']);
    expect(feed('in', '{"type":7}\u001e')).toEqual([{ kind: 'cancel-timer', timer: 'signalr ping' }]);
  });
});

describe('SignalR detection', () => {
  it('knows classic URLs, hub URLs and the handshake', () => {
    expect(signalrProtocol.detect(contextFor('ws://h/signalr/connect?transport=webSockets&connectionToken=x'))).toMatchObject({ confidence: 'certain' });
    expect(signalrProtocol.detect(contextFor(url))).toMatchObject({ confidence: 'likely' });
    expect(signalrProtocol.detect({ ...contextFor('ws://h/x'), firstMessages: [new WireScript().message('out', '{"protocol":"json","version":1}\u001e')] })).toMatchObject({ confidence: 'certain' });
  });
});
