import type { Writable } from 'node:stream';
import { httpBodyStartBytes, type HttpExchange } from '../../../../shared/contract/relay-http-exchange.js';
import { writeStreamAtomic } from '../../profiles/atomic-file.js';
import { harHttpEntry, noteRemovedValues } from './har-http-entry.js';
import { HAR_EXTRAS_FIELD, harLogClosing, harLogOpening } from './har-log.js';
import { listSeparator } from './list-separator.js';
import { RedactionRules, type RedactionOptions } from './redaction-rules.js';
import { StreamWriter } from './stream-writer.js';

/** What the HAR of a relay's HTTP exchanges says about where they came from. */
export interface RelayHarSource {
  /** What clients pointed at (the relay's URL or proxy address). */
  readonly relayUrl: string;
  readonly upstreamUrl: string | null;
}

/**
 * Writes a relay's passed-through HTTP exchanges (oldest first) as a HAR 1.2 log, one entry each
 * (har-http-entry.ts). They were redacted when recorded, so there is no unredacted export; the
 * log's `_frameline` lists what the rules removed and says that bodies are starts. `removedValues`
 * are what the recording took out of URLs and heads (`HttpExchangeStore.removedValues`): with what
 * this export's rules take out, they are blanked in every body start too.
 */
export async function writeHttpExchangesHar(exchanges: readonly HttpExchange[], source: RelayHarSource, stream: Writable, redaction: RedactionOptions, removedValues: readonly string[] = []): Promise<void> {
  const rules = new RedactionRules({ ...redaction, isEnabled: true });
  for (const value of removedValues) rules.noteValue(value);
  for (const exchange of exchanges) noteRemovedValues(exchange, rules);
  const entries = exchanges.map((exchange) => JSON.stringify(harHttpEntry(exchange, rules)));
  const extras = {
    kind: 'relay-http-exchanges',
    relayUrl: source.relayUrl,
    upstreamUrl: source.upstreamUrl,
    bodyStartBytes: httpBodyStartBytes,
    redactions: rules.redactions(),
  };
  const comment = `HTTP exchanges (not WebSocket) passed through a Frameline relay; each body is its first ${httpBodyStartBytes} bytes at most.`;
  const writer = new StreamWriter(stream);
  await writer.write(harLogOpening({ comment, [HAR_EXTRAS_FIELD]: extras }));
  const next = listSeparator();
  for (const entry of entries) await writer.write(`${next()}${entry}`);
  await writer.write(harLogClosing);
  writer.finish();
}

/** Writes the HAR to `path` atomically (profiles/atomic-file.ts). */
export async function writeHttpExchangesHarFile(exchanges: readonly HttpExchange[], source: RelayHarSource, path: string, redaction: RedactionOptions, removedValues: readonly string[] = []): Promise<void> {
  await writeStreamAtomic(path, (stream) => writeHttpExchangesHar(exchanges, source, stream, redaction, removedValues));
}
