import { z } from 'zod';
import { profileSchema, type Profile } from '../../../shared/contract/profile.js';
import type { Message } from '../../../shared/i18n/message.js';
import { isPasswordStoredWeakly, keepUnopenedPassword, openProxyPassword, passwordPlacementProblem, storeProxyPassword, type StoredProxy } from '../secrets/proxy-password.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';
import { storedSecretSchema } from '../secrets/stored-secret.js';

/** Where a profile file keeps its proxy password (docs/settings-files.md). */
const passwordField = 'options.proxy.password';

/**
 * A profile file: the profile, its proxy password moved into `secrets` under the field's path and
 * marked with how it is stored. Files written before `secrets` existed keep the password in the
 * proxy, in clear, and still load.
 */
export const profileFileSchema = profileSchema
  .extend({ secrets: z.strictObject({ [passwordField]: storedSecretSchema.optional() }).optional() })
  .superRefine((file, context) => {
    const problem = passwordPlacementProblem(storedProxyOf(file));
    if (problem !== null) context.addIssue({ code: 'custom', path: ['secrets', passwordField], message: problem });
  });

/** A profile file as read. */
export type ProfileFile = z.output<typeof profileFileSchema>;

/** A profile read from its file: whole, or without a password this process cannot open (`problem` says which and why). */
export interface OpenedProfile {
  readonly profile: Profile;
  readonly problem?: Message;
  /** The password is stored more weakly than this process would store it now (in clear while the keychain works): write the file again. */
  readonly isRewriteDue: boolean;
}

/** The profile in a file, its password opened with `cipher`. */
export function openProfileFile(file: ProfileFile, cipher: SecretCipher | null, fileName: string): OpenedProfile {
  const stored = storedProxyOf(file);
  const opened = openProxyPassword(stored, cipher, { file: fileName, field: passwordField });
  const profile: Profile = { name: file.name, options: { ...file.options, proxy: opened.proxy }, savedAt: file.savedAt };
  return opened.problem ? { profile, problem: opened.problem, isRewriteDue: false } : { profile, isRewriteDue: isPasswordStoredWeakly(stored, cipher) };
}

/**
 * The text of a profile's file: the password moved into `secrets`, encrypted when the keychain
 * works here. `previous` is the file it replaces, whose password this process could not open is
 * kept when the same proxy comes back without one.
 */
export function profileFileText(profile: Profile, previous: ProfileFile | null, cipher: SecretCipher | null): string {
  const stored = keepUnopenedPassword(storeProxyPassword(profile.options.proxy, cipher), previous ? storedProxyOf(previous) : null, cipher);
  const file = {
    name: profile.name,
    options: { ...profile.options, proxy: stored.proxy },
    savedAt: profile.savedAt,
    ...(stored.password ? { secrets: { [passwordField]: stored.password } } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function storedProxyOf(file: Pick<ProfileFile, 'options' | 'secrets'>): StoredProxy {
  const password = file.secrets?.[passwordField];
  return password ? { proxy: file.options.proxy, password } : { proxy: file.options.proxy };
}
