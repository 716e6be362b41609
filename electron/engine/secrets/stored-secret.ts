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

/** Where a secret sits, for a problem that names it: the file and the field path within it. */
export interface SecretPlace {
  readonly file: string;
  readonly field: string;
}

/** A stored secret opened: its value, or why this process cannot open it (the value never appears in it). */
export type OpenedSecret = { readonly value: string } | { readonly problem: Message };

/** Stores `value` encrypted when the keychain works here, else plain (the file is 0600 either way). */
export function storeSecret(value: string, cipher: SecretCipher | null): StoredSecret {
  if (cipher?.isAvailable()) return { storage: 'safeStorage', sealed: Buffer.from(cipher.encrypt(value)).toString('base64') };
  return { storage: 'plain', value };
}

/**
 * The value of a stored secret. A sealed one that this process has no keychain for, or whose bytes
 * this keychain cannot decrypt (another user, machine or keychain sealed it), is a problem naming
 * the file and field, never a throw; the keychain's own error text is left out, so nothing of the
 * sealed bytes reaches a message or a log.
 */
export function openSecret(stored: StoredSecret, cipher: SecretCipher | null, place: SecretPlace): OpenedSecret {
  if (stored.storage === 'plain') return { value: stored.value };
  if (!cipher?.isAvailable()) return { problem: message('errors:secret.unavailable', { file: place.file, field: place.field }) };
  try {
    return { value: cipher.decrypt(Buffer.from(stored.sealed, 'base64')) };
  } catch {
    return { problem: message('errors:secret.undecryptable', { file: place.file, field: place.field }) };
  }
}
