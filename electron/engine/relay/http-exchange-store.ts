import { maxHttpExchangesPerRelay, type HttpBodySeen, type HttpExchange } from '../../../shared/contract/relay-http-exchange.js';
import { defaultRedaction, RedactionRules } from '../capture/export/redaction-rules.js';
import { redactRemovedValues } from '../capture/export/redact-values.js';

interface Kept {
  /** As recorded: URL and heads redacted, body starts as they came. */
  readonly exchange: HttpExchange;
  /** What the recording took out of its URL and heads. */
  readonly removedValues: readonly string[];
}

/**
 * A relay's passed-through HTTP exchanges as last reported (at their start, then when over), by
 * id, the newest `maxHttpExchangesPerRelay`: what the window lists, and what a HAR export of the
 * relay holds (the registry's and `frameline relay --har`'s). A value redacted from any kept
 * exchange's URL or heads is blanked in every kept body start before an exchange leaves the
 * store, as the URL was before it left the recorder: a value may be in one exchange's body before
 * it is in another's URL, and the earlier exchange is then reported again.
 */
export class HttpExchangeStore {
  private readonly exchanges = new Map<number, Kept>();

  constructor(private readonly limit: number = maxHttpExchangesPerRelay) {}

  /**
   * Keeps `exchange` (replacing its earlier report); past the limit the oldest is dropped. Returns
   * what to report: `exchange` as the window sees it, and the kept ones whose body starts now lose
   * a value this one was the first to remove.
   */
  put(exchange: HttpExchange, removedValues: readonly string[] = []): HttpExchange[] {
    const known = new Set(this.removedValues());
    this.exchanges.set(exchange.exchangeId, { exchange, removedValues });
    if (this.exchanges.size > this.limit) this.exchanges.delete(this.exchanges.keys().next().value!);
    const fresh = removedValues.filter((value) => !known.has(value));
    const changed = fresh.length === 0 ? [] : [...this.exchanges.values()].filter((kept) => kept.exchange !== exchange && bodiesRedacted(kept.exchange, fresh) !== null);
    const everyValue = this.removedValues();
    return [withBodiesRedacted(exchange, everyValue), ...changed.map((kept) => withBodiesRedacted(kept.exchange, everyValue))];
  }

  /** The kept exchanges, oldest first, as the window sees them (body starts without removed values). */
  list(): HttpExchange[] {
    const everyValue = this.removedValues();
    return [...this.exchanges.values()].map((kept) => withBodiesRedacted(kept.exchange, everyValue));
  }

  /** The kept exchanges as recorded, oldest first: a HAR export blanks `removedValues` in them itself, and says so. */
  recorded(): HttpExchange[] {
    return [...this.exchanges.values()].map((kept) => kept.exchange);
  }

  /** Every value the kept exchanges' recording removed from URLs and heads (engine-only). */
  removedValues(): string[] {
    return [...new Set([...this.exchanges.values()].flatMap((kept) => kept.removedValues))];
  }

  /** How many are kept. */
  get size(): number {
    return this.exchanges.size;
  }

  /** About how many bytes the kept exchanges hold (their text's UTF-16 code units, twice over), to count them in a history. */
  get approximateBytes(): number {
    let units = 0;
    for (const { exchange } of this.exchanges.values()) {
      units += exchange.url.length + exchange.requestBody.start.length + (exchange.response?.body.start.length ?? 0);
      for (const [name, value] of [...exchange.requestHeaders, ...(exchange.response?.headers ?? [])]) units += name.length + value.length;
    }
    return units * 2;
  }
}

/** `exchange` with `values` blanked in its body starts, or itself when none is there. */
function withBodiesRedacted(exchange: HttpExchange, values: readonly string[]): HttpExchange {
  return bodiesRedacted(exchange, values) ?? exchange;
}

function bodiesRedacted(exchange: HttpExchange, values: readonly string[]): HttpExchange | null {
  if (values.length === 0) return null;
  const rules = new RedactionRules(defaultRedaction);
  for (const value of values) rules.noteValue(value);
  const requestBody = bodyRedacted(exchange.requestBody, rules);
  const responseBody = exchange.response === null ? null : bodyRedacted(exchange.response.body, rules);
  if (requestBody === null && responseBody === null) return null;
  return {
    ...exchange,
    requestBody: requestBody ?? exchange.requestBody,
    response: exchange.response === null ? null : { ...exchange.response, body: responseBody ?? exchange.response.body },
  };
}

function bodyRedacted(body: HttpBodySeen, rules: RedactionRules): HttpBodySeen | null {
  const start = Buffer.from(body.start, 'base64');
  const redacted = redactRemovedValues(new Uint8Array(start.buffer, start.byteOffset, start.byteLength), rules);
  return redacted.isChanged ? { ...body, start: Buffer.from(redacted.bytes).toString('base64') } : null;
}
