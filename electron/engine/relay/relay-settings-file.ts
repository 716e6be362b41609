import { z } from 'zod';
import { relaySettingsSchema, type RelaySettings } from '../../../shared/contract/api-relay.js';
import type { Message } from '../../../shared/i18n/message.js';
import { isPasswordStoredWeakly, keepUnopenedPassword, openProxyPassword, passwordPlacementProblem, storeProxyPassword, type StoredProxy } from '../secrets/proxy-password.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';
import { storedSecretSchema } from '../secrets/stored-secret.js';

/** Where the relay settings file keeps the upstream proxy's password (docs/settings-files.md). */
const passwordField = 'options.connection.proxy.password';

/**
 * The relay settings file: the settings, the upstream proxy's password moved into `secrets` under
 * the field's path and marked with how it is stored. Files written before `secrets` existed keep
 * the password in the proxy, in clear, and still load.
 */
export const relaySettingsFileSchema = relaySettingsSchema
  .extend({ secrets: z.strictObject({ [passwordField]: storedSecretSchema.optional() }).optional() })
  .superRefine((file, context) => {
    const problem = passwordPlacementProblem(storedProxyOf(file));
    if (problem !== null) context.addIssue({ code: 'custom', path: ['secrets', passwordField], message: problem });
  });

/** The relay settings file as read. */
export type RelaySettingsFile = z.output<typeof relaySettingsFileSchema>;

/** Relay settings read from their file: whole, or without a password this process cannot open (`problem` says which and why). */
export interface OpenedRelaySettings {
  readonly settings: RelaySettings;
  readonly problem?: Message;
  /** The password is kept in clear while the keychain works here: write the file again. */
  readonly isRewriteDue: boolean;
}

/** The settings in a file, the proxy password opened with `cipher`; `fileName` names the file in a problem. */
export function openRelaySettingsFile(file: RelaySettingsFile, cipher: SecretCipher | null, fileName: string): OpenedRelaySettings {
  const stored = storedProxyOf(file);
  const opened = openProxyPassword(stored, cipher, { file: fileName, field: passwordField });
  const { secrets: _secrets, ...kept } = file;
  const settings: RelaySettings = { ...kept, options: { ...kept.options, connection: { ...kept.options.connection, proxy: opened.proxy } } };
  return opened.problem ? { settings, problem: opened.problem, isRewriteDue: false } : { settings, isRewriteDue: isPasswordStoredWeakly(stored, cipher) };
}

/**
 * The text of the relay settings file: the password moved into `secrets`, encrypted when the
 * keychain works here. A password in `previous` this process could not open is kept when the same
 * proxy comes back without one.
 */
export function relaySettingsFileText(settings: RelaySettings, previous: RelaySettingsFile | null, cipher: SecretCipher | null): string {
  const stored = keepUnopenedPassword(storeProxyPassword(settings.options.connection.proxy, cipher), previous ? storedProxyOf(previous) : null, cipher);
  const file = {
    ...settings,
    options: { ...settings.options, connection: { ...settings.options.connection, proxy: stored.proxy } },
    ...(stored.password ? { secrets: { [passwordField]: stored.password } } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function storedProxyOf(file: Pick<RelaySettingsFile, 'options' | 'secrets'>): StoredProxy {
  const password = file.secrets?.[passwordField];
  const proxy = file.options.connection.proxy;
  return password ? { proxy, password } : { proxy };
}
