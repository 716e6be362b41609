import { MessageType, parseMessage, stringifyMessage } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { GraphqlWsDecoder } from '../../../shared/app-protocol/graphql-ws/graphql-ws-decoder.js';
import { GraphqlWsDuties } from '../../../shared/app-protocol/graphql-ws/graphql-ws-duties.js';
import { encodeGraphqlWs } from '../../../shared/app-protocol/graphql-ws/graphql-ws-encoder.js';
import { graphqlWsProtocol } from '../../../shared/app-protocol/graphql-ws/graphql-ws-protocol.js';
import { contextFor, decodeAll, texts, WireScript } from './app-protocol-fixtures.js';

const url = 'ws://127.0.0.1:4000/graphql';

describe('graphql-transport-ws decoding of what graphql-ws writes', () => {
  it('ties next and complete to their subscribe by id, and ack and pong to what they answer', () => {
    const wire = new WireScript();
    const decoder = new GraphqlWsDecoder(contextFor(url, 'graphql-transport-ws'));
    const messages = decodeAll(decoder, [
      wire.message('out', stringifyMessage({ type: MessageType.ConnectionInit, payload: { token: 't' } })),
      wire.message('in', stringifyMessage({ type: MessageType.ConnectionAck }), 700),
      wire.message('out', stringifyMessage({ type: MessageType.Subscribe, id: 'op1', payload: { query: 'subscription OnTick { tick }' } })),
      wire.message('in', stringifyMessage({ type: MessageType.Next, id: 'op1', payload: { data: { tick: 1 } } })),
      wire.message('in', stringifyMessage({ type: MessageType.Next, id: 'op1', payload: { data: { tick: 2 } } })),
      wire.message('in', stringifyMessage({ type: MessageType.Complete, id: 'op1' })),
      wire.message('in', stringifyMessage({ type: MessageType.Ping })),
      wire.message('out', stringifyMessage({ type: MessageType.Pong }), 200),
    ]);
    expect(messages.map((message) => message.summary)).toEqual([
      'graphql connection_init',
      'graphql connection_ack',
      'graphql subscribe id=op1 subscription OnTick',
      'graphql next id=op1 subscription OnTick {"data":{"tick":1}}',
      'graphql next id=op1 subscription OnTick {"data":{"tick":2}}',
      'graphql complete id=op1',
      'graphql ping',
      'graphql pong',
    ]);
    expect(messages[1]).toMatchObject({ links: [{ relation: 'answers', toIndex: 1 }], rttMicros: 700 });
    expect(messages[3]?.links).toEqual([{ relation: 'belongs-to', toIndex: 3 }]);
    expect(messages[5]?.links).toEqual([{ relation: 'completes', toIndex: 3 }]);
    expect(messages[7]).toMatchObject({ isControl: true, links: [{ relation: 'answers', toIndex: 7 }], rttMicros: 200 });
    expect(decoder.facts()).toEqual({ variant: 'graphql-transport-ws' });
  });

  it('reads the legacy subscriptions-transport-ws protocol (graphql-ws subprotocol) from its documented messages', () => {
    const wire = new WireScript();
    const decoder = new GraphqlWsDecoder(contextFor(url, 'graphql-ws'));
    const messages = decodeAll(decoder, [
      wire.message('out', '{"type":"connection_init","payload":{}}'),
      wire.message('in', '{"type":"connection_ack"}'),
      wire.message('in', '{"type":"ka"}'),
      wire.message('out', '{"id":"1","type":"start","payload":{"query":"subscription { messageAdded { text } }","variables":{}}}'),
      wire.message('in', '{"id":"1","type":"data","payload":{"data":{"messageAdded":{"text":"hi"}}}}'),
      wire.message('out', '{"id":"1","type":"stop"}'),
      wire.message('in', '{"id":"1","type":"complete"}'),
    ]);
    expect(messages.map((message) => [message.kind, message.isControl])).toEqual([['connection_init', false], ['connection_ack', false], ['ka', true], ['start', false], ['data', false], ['stop', false], ['complete', false]]);
    expect(messages[3]?.summary).toBe('graphql start id=1 subscription messageAdded');
    expect(messages[4]?.links).toEqual([{ relation: 'belongs-to', toIndex: 4 }]);
    expect(messages[5]?.links).toEqual([{ relation: 'completes', toIndex: 4 }]);
    expect(decoder.facts()).toEqual({ variant: 'subscriptions-transport-ws' });
  });
});

describe('GraphQL-over-WebSocket encoder', () => {
  it('writes subscribe messages graphql-ws parses and validates', () => {
    const [message] = texts(encodeGraphqlWs({ kind: 'subscribe', id: 'a', query: 'subscription { tick }', variablesJson: '{"n":1}', operationName: 'T' }, { variant: 'graphql-transport-ws' }));
    expect(parseMessage(message as string)).toEqual({ id: 'a', type: 'subscribe', payload: { query: 'subscription { tick }', operationName: 'T', variables: { n: 1 } } });
  });

  it('writes start for the legacy protocol and any message as typed', () => {
    expect(texts(encodeGraphqlWs({ kind: 'subscribe', id: '1', query: '{ a }' }, { variant: 'subscriptions-transport-ws' }))).toEqual(['{"id":"1","type":"start","payload":{"query":"{ a }"}}']);
    expect(texts(encodeGraphqlWs({ kind: 'message', type: 'next', id: 'x', payloadJson: '{broken' }, {}))).toEqual(['{"type":"next","id":"x","payload":{broken}']);
  });
});

describe('GraphQL-over-WebSocket violations', () => {
  const cases: Array<[string, string, string]> = [
    ['not JSON', '{"type":', 'graphql-ws-not-json'],
    ['no type', '{"id":"1"}', 'graphql-ws-no-type'],
    ['an array', '[1]', 'graphql-ws-no-type'],
    ['next without id', '{"type":"next","payload":{}}', 'graphql-ws-missing-id'],
  ];
  it.each(cases)('%s', (_name, text, rule) => {
    const [message] = new GraphqlWsDecoder(contextFor(url, 'graphql-transport-ws')).push(new WireScript().message('in', text));
    expect(message?.violations.map((violation) => violation.rule)).toEqual([rule]);
  });
});

describe('GraphQL-over-WebSocket duties (playbook)', () => {
  it('answers pings with pongs (echoing the payload) and pings after keepAliveMs of client silence', () => {
    const wire = new WireScript();
    const decoder = new GraphqlWsDecoder(contextFor(url, 'graphql-transport-ws'));
    const duties = new GraphqlWsDuties(true, 5000);
    const feed = (direction: 'in' | 'out', text: string) => decoder.push(wire.message(direction, text)).flatMap((message) => duties.onMessage(message));
    expect(feed('out', '{"type":"connection_init"}')).toEqual([]);
    expect(feed('in', '{"type":"connection_ack"}')).toEqual([{ kind: 'arm-timer', timer: 'graphql ping', delayMs: 5000 }]);
    const answered = feed('in', '{"type":"ping","payload":{"n":1}}');
    expect(answered.map((command) => (command.kind === 'send' ? new TextDecoder().decode(command.message.bytes) : command.kind))).toEqual(['{"type":"pong","payload":{"n":1}}']);
    const fired = duties.onTimer('graphql ping');
    expect(fired.map((command) => (command.kind === 'send' ? new TextDecoder().decode(command.message.bytes) : command.kind))).toEqual(['{"type":"ping"}', 'arm-timer']);
    duties.setEnabled(false);
    expect(feed('in', '{"type":"ping"}')).toEqual([]);
  });
});

describe('GraphQL-over-WebSocket detection', () => {
  it('knows both subprotocols and a connection_init', () => {
    expect(graphqlWsProtocol.detect(contextFor(url, 'graphql-transport-ws'))).toMatchObject({ confidence: 'certain' });
    expect(graphqlWsProtocol.detect(contextFor(url, 'graphql-ws'))).toMatchObject({ confidence: 'certain' });
    expect(graphqlWsProtocol.detect({ ...contextFor(url), firstMessages: [new WireScript().message('out', '{"type":"connection_init"}')] })).toMatchObject({ confidence: 'likely' });
  });
});
