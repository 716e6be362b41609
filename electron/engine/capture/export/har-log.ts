import { createRequire } from 'node:module';
import type { HeaderPair } from '../../../../shared/contract/records.js';

/**
 * The parts every HAR 1.2 file Frameline writes shares (a capture's WebSocket entry in
 * har-export.ts, a relay's HTTP exchanges in http-exchanges-har.ts): the log around the entries,
 * and the field shapes of the HAR 1.2 spec (headers, query string, MIME type).
 */

/** The underscore field of an entry that carries what HAR has no place for (docs/capture-format.md "HAR"). */
export const HAR_EXTRAS_FIELD = '_frameline';

/** The log up to the first entry: version, creator, no pages, and `fields` (a comment, underscore fields). */
export function harLogOpening(fields: Record<string, unknown> = {}): string {
  const head = JSON.stringify({ version: '1.2', creator: { name: 'Frameline', version: creatorVersion() }, pages: [], ...fields });
  return `{"log":${head.slice(0, -1)},"entries":[`;
}

/** The end of the entries list and of the log. */
export const harLogClosing = '\n]}}\n';

/** HAR's header list (`{ name, value }`), order and case kept. */
export function harHeaders(headers: readonly HeaderPair[]): { name: string; value: string }[] {
  return headers.map(([name, value]) => ({ name, value }));
}

/** HAR's `queryString`: the URL's parameters decoded, in order; none when the URL does not parse. */
export function harQueryString(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** The Content-Type a head names, or HAR's usual stand-in when it names none. */
export function harMimeType(headers: readonly HeaderPair[]): string {
  return headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? 'x-unknown';
}

function creatorVersion(): string {
  try {
    return (createRequire(import.meta.url)('../../../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
