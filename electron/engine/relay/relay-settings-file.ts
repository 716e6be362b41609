import type { z } from 'zod';
import { relaySettingsSchema, type RelaySettings } from '../../../shared/contract/api-relay.js';
import type { Message } from '../../../shared/i18n/message.js';
import { fileSecretsSchema, openConnectionSecrets, secretPlacementIssues, storeConnectionSecrets, withUnopenedSecrets } from '../secrets/connection-secrets.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';
import type { StoredSecret } from '../secrets/stored-secret.js';
import { isUrlPartField, isUrlSecretStoredWeakly, keepUnopenedUrlSecrets, openUrlSecrets, storeUrlSecrets, urlSecretPlacementProblem, urlSecretsOf } from '../secrets/url-secrets.js';

/** Where the relay settings file keeps the upstream connection's options, the prefix of its secret fields (docs/settings-files.md). */
const connectionField = 'options.connection';

/** Where it keeps the upstream URL, the prefix of that URL's secret fields (its userinfo password, credential query values). */
const upstreamUrlField = 'options.upstreamUrl';

/**
 * The relay settings file: the settings, the upstream connection's secrets (its proxy's password,
 * the values of Authorization, Proxy-Authorization and Cookie headers) and the upstream URL's
 * (its userinfo password, the values of credential query parameters) moved into `secrets` under
 * their fields' paths and marked with how they are stored. Files written before `secrets`
 * existed, or before it held headers, keep those values in the settings, in clear, and still load.
 */
export const relaySettingsFileSchema = relaySettingsSchema.extend({ secrets: fileSecretsSchema.optional() }).superRefine((file, context) => {
  const { connection, url } = splitSecrets(file.secrets ?? {});
  for (const issue of secretPlacementIssues({ options: file.options.connection, secrets: connection }, connectionField)) {
    context.addIssue({ code: 'custom', path: ['secrets', issue.field], message: issue.message });
  }
  for (const field of Object.keys(url)) {
    const upstreamUrl = file.options.upstreamUrl;
    const problem = upstreamUrl === null ? 'a stored value for the upstream URL, and the settings have none' : urlSecretPlacementProblem(upstreamUrl, field.slice(upstreamUrlField.length + 1));
    if (problem !== null) context.addIssue({ code: 'custom', path: ['secrets', field], message: problem });
  }
});

/** The relay settings file as read. */
export type RelaySettingsFile = z.output<typeof relaySettingsFileSchema>;

/** Relay settings read from their file: whole, or without the secrets this process cannot open (`problems` says which and why). */
export interface OpenedRelaySettings {
  readonly settings: RelaySettings;
  readonly problems: Message[];
  /** A secret is kept in clear while the keychain works here, or the keychain asked for one to be encrypted again: write the file again. */
  readonly isRewriteDue: boolean;
}

/** The settings in a file, the upstream connection's secrets opened with `cipher`; `fileName` names the file in a problem. */
export async function openRelaySettingsFile(file: RelaySettingsFile, cipher: SecretCipher | null, fileName: string): Promise<OpenedRelaySettings> {
  const { secrets, ...kept } = file;
  const { connection, url } = splitSecrets(secrets ?? {});
  const opened = await openConnectionSecrets({ options: kept.options.connection, secrets: connection }, cipher, fileName, connectionField);
  const upstreamUrl = kept.options.upstreamUrl;
  if (upstreamUrl === null) return { settings: { ...kept, options: { ...kept.options, connection: opened.options } }, problems: opened.problems, isRewriteDue: opened.isRewriteDue };
  const storedUrl = { url: upstreamUrl, secrets: url };
  const openedUrl = await openUrlSecrets(storedUrl, cipher, fileName, upstreamUrlField);
  // The upstream URL's marks join the connection's: the relay dials upstream with both (its upstream options are the connection's with this URL).
  const upstream = withUnopenedSecrets(opened.options, [...(opened.options.unopenedSecrets ?? []), ...openedUrl.unopened]);
  const settings: RelaySettings = { ...kept, options: { ...kept.options, connection: upstream, upstreamUrl: openedUrl.url } };
  const problems = [...opened.problems, ...openedUrl.problems];
  const isUrlRewriteDue = openedUrl.isReEncryptionDue || (await isUrlSecretStoredWeakly(storedUrl, cipher, upstreamUrlField));
  return { settings, problems, isRewriteDue: problems.length === 0 && (opened.isRewriteDue || isUrlRewriteDue) };
}

/**
 * The text of the relay settings file: the upstream connection's secrets moved into `secrets`,
 * encrypted when the keychain works here. A secret in `previous` this process could not open is
 * kept when the same proxy, header or URL part comes back without its value.
 */
export async function relaySettingsFileText(settings: RelaySettings, previous: RelaySettingsFile | null, cipher: SecretCipher | null): Promise<string> {
  const previousSecrets = splitSecrets(previous?.secrets ?? {});
  const before = previous ? { options: previous.options.connection, secrets: previousSecrets.connection } : null;
  const stored = await storeConnectionSecrets(settings.options.connection, before, cipher, connectionField);
  const upstreamUrl = settings.options.upstreamUrl;
  const previousUrl = previous?.options.upstreamUrl ? { url: previous.options.upstreamUrl, secrets: previousSecrets.url } : null;
  const url = upstreamUrl === null ? null : await keepUnopenedUrlSecrets(await storeUrlSecrets(upstreamUrl, cipher, upstreamUrlField), previousUrl, cipher, upstreamUrlField);
  const secrets = { ...stored.secrets, ...url?.secrets };
  const file = {
    ...settings,
    options: { ...settings.options, connection: stored.options, upstreamUrl: url === null ? null : url.url },
    ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file's secrets split into the upstream connection's and the upstream URL's. */
function splitSecrets(secrets: Readonly<Record<string, StoredSecret>>): { readonly connection: Record<string, StoredSecret>; readonly url: Record<string, StoredSecret> } {
  const url = urlSecretsOf(secrets, upstreamUrlField);
  return { connection: Object.fromEntries(Object.entries(secrets).filter(([field]) => !isUrlPartField(field, upstreamUrlField))), url };
}
