import { describe, expect, it } from 'vitest';
import { HttpExchangeStore } from '../../../electron/engine/relay/http-exchange-store.js';
import { maxHttpExchangesPerRelay, type HttpExchange } from '../../../shared/contract/relay-http-exchange.js';
import { sampleExchanges } from '../export/http-exchange-fixtures.js';

function numbered(exchangeId: number, end: HttpExchange['end'] = { kind: 'completed' }): HttpExchange {
  return { ...sampleExchanges()[0]!, exchangeId, end };
}

describe("a relay's HTTP exchange store", () => {
  it(`keeps the newest ${maxHttpExchangesPerRelay}, oldest first, however many went by`, () => {
    const store = new HttpExchangeStore();
    for (let id = 1; id <= maxHttpExchangesPerRelay + 123; id += 1) store.put(numbered(id));
    expect(store.size).toBe(maxHttpExchangesPerRelay);
    expect(store.list().map((exchange) => exchange.exchangeId)).toEqual(Array.from({ length: maxHttpExchangesPerRelay }, (_, index) => index + 124));
  });

  it('replaces an exchange reported again when it is over, in its place', () => {
    const store = new HttpExchangeStore(3);
    store.put(numbered(1, { kind: 'open' }));
    store.put(numbered(2, { kind: 'open' }));
    store.put(numbered(1));
    expect(store.list().map((exchange) => [exchange.exchangeId, exchange.end.kind])).toEqual([[1, 'completed'], [2, 'open']]);
  });
});
