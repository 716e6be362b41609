import type { z } from 'zod';
import { profileSchema, type Profile } from '../../../shared/contract/profile.js';
import type { Message } from '../../../shared/i18n/message.js';
import { fileSecretsSchema, openConnectionSecrets, secretPlacementIssues, storeConnectionSecrets } from '../secrets/connection-secrets.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';

/** Where a profile file keeps its options, the prefix of its secret fields (docs/settings-files.md). */
const optionsField = 'options';

/**
 * A profile file: the profile, its secrets (the proxy password, the values of Authorization,
 * Proxy-Authorization and Cookie headers, the URL's userinfo password and credential query values)
 * moved into `secrets` under their fields' paths and marked with how they are stored. Files
 * written before `secrets` existed, or before it held headers or URL parts, keep those values in
 * the options, in clear, and still load.
 */
export const profileFileSchema = profileSchema.extend({ secrets: fileSecretsSchema.optional() }).superRefine((file, context) => {
  for (const issue of secretPlacementIssues({ options: file.options, secrets: file.secrets ?? {} }, optionsField)) {
    context.addIssue({ code: 'custom', path: ['secrets', issue.field], message: issue.message });
  }
});

/** A profile file as read. */
export type ProfileFile = z.output<typeof profileFileSchema>;

/** A profile read from its file: whole, or without the secrets this process cannot open (`problems` says which and why). */
export interface OpenedProfile {
  readonly profile: Profile;
  readonly problems: Message[];
  /**
   * Write the file again: a secret is stored more weakly than this process would store it now
   * (in clear while the keychain works), or the keychain asked for one to be encrypted again.
   */
  readonly isRewriteDue: boolean;
}

/** The profile in a file, its secrets opened with `cipher`. */
export async function openProfileFile(file: ProfileFile, cipher: SecretCipher | null, fileName: string): Promise<OpenedProfile> {
  const opened = await openConnectionSecrets({ options: file.options, secrets: file.secrets ?? {} }, cipher, fileName, optionsField);
  return { profile: { name: file.name, options: opened.options, savedAt: file.savedAt }, problems: opened.problems, isRewriteDue: opened.isRewriteDue };
}

/**
 * The text of a profile's file: its secrets moved into `secrets`, encrypted when the keychain
 * works here. `previous` is the file it replaces, whose secrets this process could not open are
 * kept when the same proxy, header or URL part comes back without its value.
 */
export async function profileFileText(profile: Profile, previous: ProfileFile | null, cipher: SecretCipher | null): Promise<string> {
  const stored = await storeConnectionSecrets(profile.options, previous ? { options: previous.options, secrets: previous.secrets ?? {} } : null, cipher, optionsField);
  const file = {
    name: profile.name,
    options: stored.options,
    savedAt: profile.savedAt,
    ...(Object.keys(stored.secrets).length > 0 ? { secrets: stored.secrets } : {}),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
