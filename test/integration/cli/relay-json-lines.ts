import type { HttpExchange } from '../../../shared/contract/relay-http-exchange.js';

/** The `http-exchange` lines of `frameline relay --json`, parsed. */
export function exchangeLines(stdout: string): (HttpExchange & { kind: string })[] {
  return stdout
    .split('\n')
    .filter((line) => line.includes('"kind":"http-exchange"'))
    .map((line) => JSON.parse(line) as HttpExchange & { kind: string });
}

/** A kept body start (base64 in the line) as text; an absent one as ''. */
export function bodyText(base64: string | undefined): string {
  return Buffer.from(base64 ?? '', 'base64').toString('utf8');
}
