import { z } from 'zod';
import { message, type Message } from '../../../shared/i18n/message.js';
import type { SecretCipher } from './secret-cipher.js';

/**
 * One secret as a settings file keeps it, saying how it is stored so the file describes itself:
 * `plain` (the file is readable by the user only; what the CLI and `frameline ui` write, and the
 * desktop app where no keychain is unlocked) or `safeStorage` (encrypted by the desktop app's
 * keychain through Electron's safeStorage, base64).
 */
export const storedSecretSchema = z.discriminatedUnion('storage', [
  z.object({ storage: z.literal('plain'), value: z.string() }).strict(),
  z.object({ storage: z.literal('safeStorage'), sealed: z.string().base64() }).strict(),
]);

/** A secret as stored in a file. */
export type StoredSecret = z.output<typeof storedSecretSchema>;

/**
 * Where a secret sits, for a problem that names it: the file, the field path within it, and what
 * it is when not a proxy password (the header or the URL query parameter it is the value of, or
 * the password in the URL's userinfo).
 */
export interface SecretPlace {
  readonly file: string;
  readonly field: string;
  readonly header?: string;
  readonly queryParameter?: string;
  readonly isUrlPassword?: boolean;
}

/**
 * A stored secret opened: its value (and whether the keychain asked for it to be encrypted again,
 * its key having been rotated), or why this process cannot open it (the value never appears in it).
 */
export type OpenedSecret = { readonly value: string; readonly isReEncryptionDue: boolean } | { readonly problem: Message };

/** Stores `value` encrypted when the keychain works here, else plain (the file is 0600 either way); rejects when the keychain refuses to encrypt. */
export async function storeSecret(value: string, cipher: SecretCipher | null): Promise<StoredSecret> {
  if (cipher !== null && (await cipher.isAvailable())) return { storage: 'safeStorage', sealed: Buffer.from(await cipher.encrypt(value)).toString('base64') };
  return { storage: 'plain', value };
}

/**
 * The value of a stored secret. A sealed one that this process has no keychain for, or whose bytes
 * this keychain cannot decrypt (another user, machine or keychain sealed it), is a problem naming
 * the file and field, never a throw; the keychain's own error text is left out, so nothing of the
 * sealed bytes reaches a message or a log.
 */
export async function openSecret(stored: StoredSecret, cipher: SecretCipher | null, place: SecretPlace): Promise<OpenedSecret> {
  if (stored.storage === 'plain') return { value: stored.value, isReEncryptionDue: false };
  if (cipher === null || !(await cipher.isAvailable())) return { problem: placeProblem(place, 'unavailable') };
  try {
    const decrypted = await cipher.decrypt(Buffer.from(stored.sealed, 'base64'));
    return { value: decrypted.value, isReEncryptionDue: decrypted.shouldReEncrypt };
  } catch {
    return { problem: placeProblem(place, 'undecryptable') };
  }
}

function placeProblem(place: SecretPlace, reason: 'unavailable' | 'undecryptable'): Message {
  const isUnavailable = reason === 'unavailable';
  if (place.queryParameter !== undefined) {
    const values = { file: place.file, field: place.field, parameter: place.queryParameter };
    return message(isUnavailable ? 'errors:secret.queryUnavailable' : 'errors:secret.queryUndecryptable', values);
  }
  if (place.isUrlPassword === true) return message(isUnavailable ? 'errors:secret.urlPasswordUnavailable' : 'errors:secret.urlPasswordUndecryptable', { file: place.file, field: place.field });
  if (place.header === undefined) return message(reason === 'unavailable' ? 'errors:secret.unavailable' : 'errors:secret.undecryptable', { file: place.file, field: place.field });
  const values = { file: place.file, field: place.field, header: place.header };
  return message(reason === 'unavailable' ? 'errors:secret.headerUnavailable' : 'errors:secret.headerUndecryptable', values);
}
