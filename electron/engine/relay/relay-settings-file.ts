import type { z } from 'zod';
import { relaySettingsSchema, type RelaySettings } from '../../../shared/contract/api-relay.js';
import type { Message } from '../../../shared/i18n/message.js';
import { fileSecretsSchema, openConnectionSecrets, secretPlacementIssues, storeConnectionSecrets } from '../secrets/connection-secrets.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';

/** Where the relay settings file keeps the upstream connection's options, the prefix of its secret fields (docs/settings-files.md). */
const connectionField = 'options.connection';

/**
 * The relay settings file: the settings, the upstream connection's secrets (its proxy's password,
 * the values of Authorization, Proxy-Authorization and Cookie headers) moved into `secrets` under
 * their fields' paths and marked with how they are stored. Files written before `secrets`
 * existed, or before it held headers, keep those values in the settings, in clear, and still load.
 */
export const relaySettingsFileSchema = relaySettingsSchema.extend({ secrets: fileSecretsSchema.optional() }).superRefine((file, context) => {
  for (const issue of secretPlacementIssues({ options: file.options.connection, secrets: file.secrets ?? {} }, connectionField)) {
    context.addIssue({ code: 'custom', path: ['secrets', issue.field], message: issue.message });
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
  const opened = await openConnectionSecrets({ options: kept.options.connection, secrets: secrets ?? {} }, cipher, fileName, connectionField);
  const settings: RelaySettings = { ...kept, options: { ...kept.options, connection: opened.options } };
  return { settings, problems: opened.problems, isRewriteDue: opened.isRewriteDue };
}

/**
 * The text of the relay settings file: the upstream connection's secrets moved into `secrets`,
 * encrypted when the keychain works here. A secret in `previous` this process could not open is
 * kept when the same proxy or header comes back without its value.
 */
export async function relaySettingsFileText(settings: RelaySettings, previous: RelaySettingsFile | null, cipher: SecretCipher | null): Promise<string> {
  const before = previous ? { options: previous.options.connection, secrets: previous.secrets ?? {} } : null;
  const stored = await storeConnectionSecrets(settings.options.connection, before, cipher, connectionField);
  const file = {
    ...settings,
    options: { ...settings.options, connection: stored.options },
    ...(Object.keys(stored.secrets).length > 0 ? { secrets: stored.secrets } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
