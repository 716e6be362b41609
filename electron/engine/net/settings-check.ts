import { unopenedSecretsFailure } from '../../../shared/settings/unopened-secrets.js';
import { DialError, dialFailure } from './dial-failure.js';
import type { DialOptions } from './dial-options.js';

/**
 * Before any lookup or socket: options that still lack a secret their settings file holds, which
 * this process could not open, are refused at the `settings` stage, naming each field. Sending the
 * header, URL or proxy credentials empty would put a request on the wire the user never made
 * (docs/settings-files.md, "Reading files").
 */
export function checkSettings(options: DialOptions): void {
  if (options.unopenedSecrets === undefined || options.unopenedSecrets.length === 0) return;
  const failure = unopenedSecretsFailure({ proxy: options.proxy ?? { kind: 'none' }, headers: options.headers ?? [], url: options.url, unopenedSecrets: options.unopenedSecrets });
  if (failure !== null) throw new DialError(dialFailure('settings', failure.message, failure.hint));
}
