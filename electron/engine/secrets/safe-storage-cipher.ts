import type { SecretCipher } from './secret-cipher.js';

/** The part of Electron's `safeStorage` the cipher uses (its asynchronous API), so this file needs no `electron` import (main.ts passes the real one). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: which password store encrypts. */
  getSelectedStorageBackend?(): string;
}

/**
 * The desktop app's cipher: Electron's safeStorage (the macOS Keychain, DPAPI on Windows, the
 * Secret Service or KWallet on Linux), through its asynchronous calls, whose decrypt also reads
 * what the deprecated synchronous `encryptString` sealed. Asked for availability on every use,
 * since a keychain can be locked or unlocked while the app runs. Linux's `basic_text` store
 * encrypts with a password written into Electron itself, which protects nothing, so it counts as
 * no keychain: secrets are then stored `plain` and say so, rather than look encrypted.
 */
export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretCipher {
  return {
    isAvailable: async () => (await safeStorage.isAsyncEncryptionAvailable()) && !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text'),
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (sealed) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed));
      return { value: result, shouldReEncrypt };
    },
  };
}
