import { describe, expect, it } from 'vitest';
import { safeStorageCipher } from '../../../electron/engine/secrets/safe-storage-cipher.js';
import { aesSafeStorage } from '../../harness/aes-safe-storage.js';

describe('safeStorageCipher', () => {
  it('seals and opens through the asynchronous safeStorage calls, and another keychain cannot open it', async () => {
    const cipher = safeStorageCipher(aesSafeStorage(), 'linux');
    const sealed = await cipher.encrypt('pw ünïcode');
    expect(Buffer.from(sealed).includes(Buffer.from('pw'))).toBe(false);
    expect(await cipher.decrypt(sealed)).toEqual({ value: 'pw ünïcode', shouldReEncrypt: false });
    await expect(safeStorageCipher(aesSafeStorage(), 'linux').decrypt(sealed)).rejects.toThrow();
  });

  it('opens bytes the deprecated synchronous encryptString sealed', async () => {
    const keychain = aesSafeStorage();
    expect(await safeStorageCipher(keychain, 'darwin').decrypt(keychain.encryptString('from-the-sync-api'))).toEqual({ value: 'from-the-sync-api', shouldReEncrypt: false });
  });

  it("passes on the keychain's request to encrypt again after its key was rotated", async () => {
    const keychain = aesSafeStorage();
    const cipher = safeStorageCipher(keychain, 'win32');
    const sealed = await cipher.encrypt('rotated');
    keychain.rotateKey();
    expect(await cipher.decrypt(sealed)).toEqual({ value: 'rotated', shouldReEncrypt: true });
    expect(await cipher.decrypt(await cipher.encrypt('rotated'))).toEqual({ value: 'rotated', shouldReEncrypt: false });
  });

  it('follows the keychain being locked and unlocked (isAsyncEncryptionAvailable)', async () => {
    const keychain = aesSafeStorage();
    const cipher = safeStorageCipher(keychain, 'darwin');
    keychain.available = false;
    expect(await cipher.isAvailable()).toBe(false);
    keychain.available = true;
    expect(await cipher.isAvailable()).toBe(true);
  });

  it("counts Linux's basic_text store (a password built into Electron) as no keychain, and only on Linux", async () => {
    const basicText = { ...aesSafeStorage(), isAsyncEncryptionAvailable: async () => true, getSelectedStorageBackend: () => 'basic_text' };
    expect(await safeStorageCipher(basicText, 'linux').isAvailable()).toBe(false);
    expect(await safeStorageCipher({ ...basicText, getSelectedStorageBackend: () => 'gnome_libsecret' }, 'linux').isAvailable()).toBe(true);
    expect(await safeStorageCipher(basicText, 'win32').isAvailable()).toBe(true);
  });
});
