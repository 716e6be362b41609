import { describe, expect, it } from 'vitest';
import { safeStorageCipher } from '../../../electron/engine/secrets/safe-storage-cipher.js';
import { aesSafeStorage } from '../../harness/aes-safe-storage.js';

describe('safeStorageCipher', () => {
  it('seals and opens through safeStorage, and another keychain cannot open it', () => {
    const cipher = safeStorageCipher(aesSafeStorage(), 'linux');
    const sealed = cipher.encrypt('pw ünïcode');
    expect(Buffer.from(sealed).includes(Buffer.from('pw'))).toBe(false);
    expect(cipher.decrypt(sealed)).toBe('pw ünïcode');
    expect(() => safeStorageCipher(aesSafeStorage(), 'linux').decrypt(sealed)).toThrow();
  });

  it('follows the keychain being locked and unlocked', () => {
    const keychain = aesSafeStorage();
    const cipher = safeStorageCipher(keychain, 'darwin');
    keychain.available = false;
    expect(cipher.isAvailable()).toBe(false);
    keychain.available = true;
    expect(cipher.isAvailable()).toBe(true);
  });

  it("counts Linux's basic_text store (a password built into Electron) as no keychain, and only on Linux", () => {
    const basicText = { ...aesSafeStorage(), isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'basic_text' };
    expect(safeStorageCipher(basicText, 'linux').isAvailable()).toBe(false);
    expect(safeStorageCipher({ ...basicText, getSelectedStorageBackend: () => 'gnome_libsecret' }, 'linux').isAvailable()).toBe(true);
    expect(safeStorageCipher(basicText, 'win32').isAvailable()).toBe(true);
  });
});
