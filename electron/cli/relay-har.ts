import type { Translate } from '../../shared/i18n/create-i18n.js';
import { writeHttpExchangesHarFile, type RelayHarSource } from '../engine/capture/export/http-exchanges-har.js';
import { defaultRedaction } from '../engine/capture/export/redaction-rules.js';
import type { HttpExchangeStore } from '../engine/relay/http-exchange-store.js';
import type { CliIo } from './cli-io.js';

/**
 * `frameline relay --har FILE` once the relay has stopped: the HTTP exchanges it kept as HAR 1.2,
 * redacted (what left URLs and heads leaves body starts too), written atomically; says where on stderr. A file that cannot be written is the exit
 * status 1 with the system's reason, the relay having done its work.
 */
export async function writeRelayHar(file: string, exchanges: HttpExchangeStore, source: RelayHarSource, io: CliIo, t: Translate): Promise<number> {
  try {
    await writeHttpExchangesHarFile(exchanges.recorded(), source, file, defaultRedaction, exchanges.removedValues());
  } catch (error) {
    io.stderr.write(`frameline: ${t('relay:cli.harFailed', { file, detail: (error as Error).message })}\n`);
    return 1;
  }
  io.stderr.write(`${t('relay:cli.harWritten', { count: exchanges.size, file })}\n`);
  return 0;
}
