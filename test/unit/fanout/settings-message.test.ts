import { describe, expect, it } from 'vitest';
import type { ClientEvent, FanoutReport } from '../../../shared/contract/fanout.js';
import { fallbackMessages, settingsMessage } from '../../../shared/fanout/report-messages.js';
import { message } from '../../../shared/i18n/message.js';
import { englishText } from '../../../shared/i18n/english-text.js';

/** A report whose settings are those of a GraphQL run without senders, changed by `settings` (the sentence reads nothing else). */
function graphqlReport(settings: Partial<FanoutReport['settings']>): FanoutReport {
  const base: FanoutReport['settings'] = { clients: 6, senders: 0, messages: 20, ratePerSecond: 10, mode: 'broadcast', template: null, subscribe: null, match: null, backendRules: [], killFraction: null, reconnect: false, protocol: 'graphql-ws', document: 'subscription { tick(count: 3) }', mutation: null };
  return { settings: { ...base, ...settings } } as FanoutReport;
}

describe('the settings sentence of a GraphQL run names the subprotocol the server accepted', () => {
  it('one subprotocol, or both when clients landed on servers that chose differently', () => {
    expect(englishText(settingsMessage(graphqlReport({ subprotocols: ['graphql-ws'] })))).toBe('6 graphql-ws clients (subprotocol graphql-ws), each counting the results of its own subscription');
    expect(englishText(settingsMessage(graphqlReport({ subprotocols: ['graphql-transport-ws', 'graphql-ws'], mode: 'senders', senders: 2, mutation: 'mutation { publish(message: "x") }' })))).toBe(
      '6 graphql-ws clients (subprotocol graphql-transport-ws, graphql-ws) subscribed, 2 sender(s) running the mutation × 20 messages at 10/s each',
    );
  });

  it('none accepted, or a report of an older engine that did not record it', () => {
    expect(englishText(settingsMessage(graphqlReport({ subprotocols: [] })))).toBe('6 graphql-ws clients (no subprotocol recorded), each counting the results of its own subscription');
    expect(englishText(settingsMessage(graphqlReport({})))).toBe('6 graphql-ws clients (no subprotocol recorded), each counting the results of its own subscription');
  });
});

/** A `fallback` event as a client notes it. */
function fallback(refused: string, offered: string): ClientEvent {
  return { atMs: 1, kind: 'fallback', detailText: message('fanout:note.subprotocolFallback', { refused, offered, closed: 'closed by the server: 1002' }) };
}

describe('the fallback lines of a GraphQL run', () => {
  it('count each client once per direction, in the order the directions first appear; none without fallbacks', () => {
    const clients = [
      { client: 1, timeline: [fallback('graphql-transport-ws', 'graphql-ws'), fallback('graphql-ws', 'graphql-transport-ws')] },
      { client: 2, timeline: [fallback('graphql-transport-ws', 'graphql-ws'), fallback('graphql-transport-ws', 'graphql-ws')] },
      { client: 3, timeline: [{ atMs: 0, kind: 'dial' } satisfies ClientEvent] },
    ];
    expect(fallbackMessages({ clients } as unknown as FanoutReport).map(englishText)).toEqual([
      '2 clients fell back from subprotocol graphql-transport-ws to graphql-ws: the server refused the first',
      '1 client fell back from subprotocol graphql-ws to graphql-transport-ws: the server refused the first',
    ]);
    expect(fallbackMessages({ clients: [clients[2]] } as unknown as FanoutReport)).toEqual([]);
  });
});
