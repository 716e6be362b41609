import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../electron/engine/secrets/safe-storage-cipher.js';

/** A stand-in for Electron's safeStorage in tests (no Electron binary runs here). */
export interface AesSafeStorage extends SafeStorageLike {
  /** Turns the keychain off and on, as a locked or missing keychain would. */
  available: boolean;
}

/**
 * Real encryption standing in for Electron's safeStorage: AES-256-GCM with a 32-byte key (the
 * keychain's secret), a random 12-byte IV per string, the output `iv | tag | ciphertext`. A
 * different key fails GCM's authentication, so decryption throws as safeStorage's does for bytes
 * another keychain sealed. Throws like safeStorage while unavailable.
 */
export function aesSafeStorage(key: Buffer = randomBytes(32)): AesSafeStorage {
  const storage: AesSafeStorage = {
    available: true,
    isEncryptionAvailable: () => storage.available,
    encryptString(plainText) {
      if (!storage.available) throw new Error('Encryption is not available.');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    decryptString(encrypted) {
      if (!storage.available) throw new Error('Decryption is not available.');
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  return storage;
}
