import { describe, expect, it } from 'vitest';
import { parseFanoutArgs } from '../../../electron/cli/fanout-args.js';
import { UsageError } from '../../../electron/cli/usage-error.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';

const english = createTranslate('en');

function mistake(argv: readonly string[]): string {
  try {
    parseFanoutArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return renderMessage(english, error.text);
    throw error;
  }
  return 'no error';
}

describe('frameline fanout arguments', () => {
  it('defaults: 10 clients, 1 sender, 20 messages at 10/s, the default template, no storm', () => {
    const command = parseFanoutArgs(['ws://127.0.0.1:9000/']);
    expect(command.fanout).toMatchObject({ clients: 10, senders: 1, messages: 20, ratePerSecond: 10, subscribe: null, killFraction: null, reconnect: false, maxDurationMs: 120_000 });
    expect([command.isJson, command.htmlFile, command.capturesDirectory, command.isRedacted]).toEqual([false, null, null, true]);
  });

  it('reads counts, rate as N/s, the storm as a fraction or a percentage, rules, variables and outputs', () => {
    const command = parseFanoutArgs(['ws://h/', '-n', '50', '--senders', '3', '--messages', '100', '--rate', '25/s', '--kill', '30%', '--kill-at', '1.5', '--reconnect', '--backend-from', 'cookie:SERVERID', '--backend-from', 'field:node', '--var', 'user=a,b', '--subscribe', '{"type":"subscribe"}', '--json', '--html', 'r.html', '--captures', 'out', '--no-redact']);
    expect(command.fanout).toMatchObject({ clients: 50, senders: 3, messages: 100, ratePerSecond: 25, killFraction: 0.3, killAtMs: 1500, reconnect: true, backendRules: ['cookie:SERVERID', 'field:node'], variables: { user: ['a', 'b'] }, subscribe: '{"type":"subscribe"}' });
    expect([command.isJson, command.htmlFile, command.capturesDirectory, command.isRedacted]).toEqual([true, 'r.html', 'out', false]);
    expect(parseFanoutArgs(['ws://h/', '--kill', '0.25']).fanout.killFraction).toBe(0.25);
  });

  it('--match alone listens to the server’s broadcast (no senders)', () => {
    expect(parseFanoutArgs(['ws://h/', '--match', '"tick":(?<seq>\\d+)']).fanout).toMatchObject({ senders: 0, match: '"tick":(?<seq>\\d+)' });
  });

  it('says what is wrong in one line', () => {
    expect(mistake([])).toBe('fanout needs a ws:// or wss:// URL');
    expect(mistake(['ws://h/', '--clients', '5000'])).toMatch(/^clients: /);
    expect(mistake(['ws://h/', '--clients', '2', '--senders', '3'])).toBe('senders: senders cannot outnumber clients');
    expect(mistake(['ws://h/', '--rate', 'fast'])).toBe("--rate expects messages per second, e.g. 50 or 50/s, got 'fast'");
    expect(mistake(['ws://h/', '--kill', '150%'])).toBe("--kill expects a fraction from 0 to 1 or a percentage, got '150%'");
    expect(mistake(['ws://h/', '--match', '(\\d+)'])).toBe('--match needs a named group seq, e.g. "tick":(?<seq>\\d+)');
    expect(mistake(['ws://h/', '--backend-from', 'X-Upstream'])).toMatch(/^--backend-from: expected header:NAME/);
    expect(mistake(['ws://h/', '--var', '9x=1'])).toMatch(/^--var expects NAME=VALUE/);
    expect(mistake(['ws://h/', '--protocol', 'amqp'])).toBe('--protocol amqp: expected raw, socket.io, mqtt, stomp, graphql-ws or signalr');
    expect(mistake(['ws://h/', '--protocol', 'graphql-ws'])).toBe('document: graphql-ws clients need a GraphQL subscription document to subscribe with (--document)');
    expect(mistake(['ws://h/', '--protocol', 'graphql-ws', '--document', 'subscription { tick }', '--senders', '1'])).toMatch(/^senders: graphql-ws clients send numbered messages only by running a mutation \(--mutation\)/);
  });

  it('reads --protocol and --channel', () => {
    expect(parseFanoutArgs(['ws://h/']).fanout).toMatchObject({ protocol: 'raw', channel: 'fanout' });
    expect(parseFanoutArgs(['ws://h/', '--protocol', 'mqtt', '--channel', 'room/1']).fanout).toMatchObject({ protocol: 'mqtt', channel: 'room/1' });
  });

  it('--protocol graphql-ws --mutation has one sender by default (or --senders), running the mutation for each numbered message', () => {
    const mutation = 'mutation($message: String!) { publish(message: $message) }';
    expect(parseFanoutArgs(['ws://h/graphql', '--protocol', 'graphql-ws', '--document', 'subscription { messages }', '--mutation', mutation]).fanout).toMatchObject({ protocol: 'graphql-ws', senders: 1, mutation, match: null });
    expect(parseFanoutArgs(['ws://h/graphql', '--protocol', 'graphql-ws', '--document', 'subscription { messages }', '--mutation', mutation, '--senders', '3']).fanout).toMatchObject({ senders: 3, mutation });
  });

  it('--protocol graphql-ws listens (no senders) to each client’s subscription to --document, with no --match needed', () => {
    expect(parseFanoutArgs(['ws://h/graphql', '--protocol', 'graphql-ws', '--document', 'subscription { tick(count: 3) }']).fanout).toMatchObject({ protocol: 'graphql-ws', senders: 0, match: null, document: 'subscription { tick(count: 3) }' });
  });

  it('--keepalive-timeout sets how long a legacy GraphQL client waits after a ka (30 s by default)', () => {
    const base = ['ws://h/graphql', '--protocol', 'graphql-ws', '--document', 'subscription { messages }'];
    expect(parseFanoutArgs(base).fanout.keepAliveTimeoutMs).toBe(30_000);
    expect(parseFanoutArgs([...base, '--keepalive-timeout', '2.5']).fanout.keepAliveTimeoutMs).toBe(2_500);
  });
});
