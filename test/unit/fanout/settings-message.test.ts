import { describe, expect, it } from 'vitest';
import type { FanoutReport } from '../../../shared/contract/fanout.js';
import { settingsMessage } from '../../../shared/fanout/report-messages.js';
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
