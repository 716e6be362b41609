import type { SecretCipher } from './secret-cipher.js';

/** The part of Electron's `safeStorage` the cipher uses, so this file needs no `electron` import (main.ts passes the real one). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The desktop app's cipher: Electron's safeStorage (the macOS Keychain, DPAPI on Windows, the
 * Secret Service or KWallet on Linux). Asked for availability on every use, since a keychain can
 * be locked or unlocked while the app runs.
 */
export function safeStorageCipher(safeStorage: SafeStorageLike): SecretCipher {
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed)),
  };
}
