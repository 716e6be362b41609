import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../electron/engine/secrets/safe-storage-cipher.js';

/** A stand-in for Electron's safeStorage in tests (no Electron binary runs here), with the asynchronous API. */
export interface AesSafeStorage extends SafeStorageLike {
  /** Turns the keychain off and on, as a locked or missing keychain would. */
  available: boolean;
  /** While true, encrypting rejects and decrypting still works (a keychain that refuses writes). */
  isEncryptRefused: boolean;
  /** A new key encrypts from now on; bytes sealed with an earlier one still decrypt, with `shouldReEncrypt`, as after a key rotation. */
  rotateKey(): void;
  /** The deprecated synchronous encrypt, for files an earlier release sealed with it (the same bytes the async one writes). */
  encryptString(plainText: string): Buffer;
}

/**
 * Real encryption standing in for Electron's safeStorage: AES-256-GCM with a 32-byte key (the
 * keychain's secret), a random 12-byte IV per string, the output `iv | tag | ciphertext`. A
 * different key fails GCM's authentication, so decryption rejects as safeStorage's does for bytes
 * another keychain sealed. Rejects like safeStorage while unavailable. After `rotateKey`, the
 * earlier keys still open what they sealed and the answer says `shouldReEncrypt`.
 */
export function aesSafeStorage(key: Buffer = randomBytes(32)): AesSafeStorage {
  /** Newest first. */
  const keys = [key];
  const encryptString = (plainText: string): Buffer => {
    if (!storage.available) throw new Error('Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keys[0]!, iv);
    const sealed = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
  };
  const storage: AesSafeStorage = {
    available: true,
    isEncryptRefused: false,
    rotateKey: () => void keys.unshift(randomBytes(32)),
    encryptString,
    isAsyncEncryptionAvailable: async () => storage.available,
    async encryptStringAsync(plainText) {
      if (storage.isEncryptRefused) throw new Error('Encryption failed.');
      return encryptString(plainText);
    },
    async decryptStringAsync(encrypted) {
      if (!storage.available) throw new Error('Decryption is not available.');
      for (const [index, candidate] of keys.entries()) {
        const opened = openWith(candidate, encrypted);
        if (opened !== null) return { result: opened, shouldReEncrypt: index > 0 };
      }
      throw new Error('Decryption failed.');
    },
  };
  return storage;
}

/** The plain text, or null when `key` did not seal these bytes (GCM's tag does not match). */
function openWith(key: Buffer, encrypted: Buffer): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
