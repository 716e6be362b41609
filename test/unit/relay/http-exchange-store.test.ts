import { describe, expect, it } from 'vitest';
import { HttpExchangeStore } from '../../../electron/engine/relay/http-exchange-store.js';
import { maxHttpExchangesPerRelay, type HttpExchange } from '../../../shared/contract/relay-http-exchange.js';
import { sampleExchanges, seenBody } from '../export/http-exchange-fixtures.js';

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

  it("blanks a value removed from one exchange's URL in the others' body starts, reporting again the ones it changed; the export gets them as recorded", () => {
    const sid = 'Zx9_AbCdEfGhIjKlMnOp';
    const open = `0{"sid":"${sid}","upgrades":["websocket"]}`;
    const [handshake, post] = sampleExchanges();
    const first: HttpExchange = { ...handshake!, response: { ...handshake!.response!, body: seenBody(open) } };
    const second: HttpExchange = { ...post!, url: `http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&sid=${'*'.repeat(sid.length)}` };
    const store = new HttpExchangeStore();
    const bodyOf = (exchange: HttpExchange | undefined): string => Buffer.from(exchange!.response!.body.start, 'base64').toString('utf8');
    // Before any URL names it, the open packet is as it came.
    expect(bodyOf(store.put(first)[0])).toBe(open);
    const reported = store.put(second, [sid]);
    expect(reported.map((exchange) => exchange.exchangeId)).toEqual([2, 1]);
    expect(bodyOf(reported[1])).toBe(open.replace(sid, '*'.repeat(sid.length)));
    expect(bodyOf(store.list()[0])).toBe(open.replace(sid, '*'.repeat(sid.length)));
    // The same value again changes nothing else: only the exchange itself is reported.
    expect(store.put({ ...second, exchangeId: 3 }, [sid]).map((exchange) => exchange.exchangeId)).toEqual([3]);
    expect(bodyOf(store.recorded()[0])).toBe(open);
    expect(store.removedValues()).toEqual([sid]);
  });

  it('lets a removed value go with the last exchange that removed it', () => {
    const store = new HttpExchangeStore(2);
    store.put(numbered(1), ['first-secret']);
    store.put(numbered(2), ['second-secret']);
    store.put(numbered(3));
    expect(store.removedValues()).toEqual(['second-secret']);
  });
});
