import { maxHttpExchangesPerRelay, type HttpExchange } from '../../../shared/contract/relay-http-exchange.js';

/**
 * A relay's passed-through HTTP exchanges as last reported (at their start, then when over), by
 * id, the newest `maxHttpExchangesPerRelay`: what the window lists, and what a HAR export of the
 * relay holds (the registry's and `frameline relay --har`'s).
 */
export class HttpExchangeStore {
  private readonly exchanges = new Map<number, HttpExchange>();

  constructor(private readonly limit: number = maxHttpExchangesPerRelay) {}

  /** Keeps `exchange` (replacing its earlier report); past the limit the oldest is dropped. */
  put(exchange: HttpExchange): void {
    this.exchanges.set(exchange.exchangeId, exchange);
    if (this.exchanges.size > this.limit) this.exchanges.delete(this.exchanges.keys().next().value!);
  }

  /** The kept exchanges, oldest first. */
  list(): HttpExchange[] {
    return [...this.exchanges.values()];
  }

  /** How many are kept. */
  get size(): number {
    return this.exchanges.size;
  }
}
