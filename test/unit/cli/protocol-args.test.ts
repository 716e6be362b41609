import { describe, expect, it } from 'vitest';
import { parseConnectArgs } from '../../../electron/cli/connect-args.js';
import { resolveProtocolStep } from '../../../electron/cli/protocol-script.js';
import { UsageError } from '../../../electron/cli/usage-error.js';

const url = 'ws://127.0.0.1:9/socket.io/?EIO=4&transport=websocket';

describe('frameline connect protocol options', () => {
  it('reads raw frames unless --protocol asks, and keeps the duties on unless told', () => {
    expect(parseConnectArgs([url]).options).toMatchObject({ protocol: 'none', protocolDuties: true });
    expect(parseConnectArgs([url, '--protocol', 'auto', '--no-protocol-duties']).options).toMatchObject({ protocol: 'auto', protocolDuties: false });
    expect(() => parseConnectArgs([url, '--protocol', 'amqp'])).toThrow(UsageError);
  });

  it('keeps protocol and raw sends in command-line order, with modifiers on the step before them', () => {
    const { script } = parseConnectArgs([url, '--send', 'raw', '--emit-ack', 'chat {"text":"hi"} , 2', '--namespace', '/chat', '--stomp', 'SEND /queue/a', '--stomp-header', 'receipt:r1', '--body', 'hello', '--publish', 't/1', '--qos', '2', '--retain', '--body', 'x', '--invoke', 'Add 1,2']);
    expect(script).toEqual([
      { type: 'text', data: 'raw' },
      { type: 'protocol', action: 'input', input: { protocol: 'socket.io', input: { kind: 'event', event: 'chat', argsJson: '{"text":"hi"} , 2', namespace: '/chat', wantsAck: true } } },
      { type: 'protocol', action: 'input', input: { protocol: 'stomp', input: { kind: 'frame', command: 'SEND', headers: [['destination', '/queue/a'], ['receipt', 'r1']], body: 'hello' } } },
      { type: 'protocol', action: 'input', input: { protocol: 'mqtt', input: { type: 'PUBLISH', topic: 't/1', qos: 2, retain: true, payload: 'x' } } },
      { type: 'protocol', action: 'input', input: { protocol: 'signalr', input: { kind: 'invoke', target: 'Add', argumentsJson: '1,2' } } },
    ]);
  });

  it('takes any structured message with --protocol-send, validated like the API', () => {
    expect(parseConnectArgs([url, '--protocol-send', '{"protocol":"mqtt","input":{"type":"PINGREQ"}}']).script).toEqual([{ type: 'protocol', action: 'input', input: { protocol: 'mqtt', input: { type: 'PINGREQ' } } }]);
    expect(() => parseConnectArgs([url, '--protocol-send', '{"protocol":"mqtt","input":{"type":"NOPE"}}'])).toThrow(UsageError);
    expect(() => parseConnectArgs([url, '--protocol-send', '{not json'])).toThrow(UsageError);
  });

  it('refuses a modifier with nothing to change, and a QoS out of range', () => {
    expect(() => parseConnectArgs([url, '--qos', '1'])).toThrow(UsageError);
    expect(() => parseConnectArgs([url, '--emit', 'x', '--body', 'b'])).toThrow(UsageError);
    expect(() => parseConnectArgs([url, '--publish', 't', '--qos', '3'])).toThrow(UsageError);
  });

  it('resolves --subscribe and --protocol-connect for the session protocol once known', () => {
    const { script, protocolSettings } = parseConnectArgs([url, '--protocol-connect', '--subscribe', 'sensors/#', '--qos', '1', '--client-id', 'me', '--keep-alive', '5']);
    const [connect, subscribe] = script;
    if (connect?.type !== 'protocol' || subscribe?.type !== 'protocol') throw new Error('expected protocol steps');
    expect(resolveProtocolStep(connect, 'mqtt', {}, protocolSettings)).toEqual({ protocol: 'mqtt', input: { type: 'CONNECT', clientId: 'me', keepAliveSeconds: 5, cleanStart: true } });
    expect(resolveProtocolStep(subscribe, 'mqtt', {}, protocolSettings)).toEqual({ protocol: 'mqtt', input: { type: 'SUBSCRIBE', topic: 'sensors/#', qos: 1 } });
    expect(resolveProtocolStep(subscribe, null, {}, protocolSettings)).toMatchObject({ problem: expect.stringMatching(/not known/) });
    // Socket.IO v2 joins `/` by itself: nothing to send.
    expect(resolveProtocolStep(connect, 'socket.io', { eio: 3 }, {})).toBeNull();
  });
});
