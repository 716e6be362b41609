import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../../electron/engine/secrets/secret-cipher.js';
import { safeStorageCipher } from '../../../electron/engine/secrets/safe-storage-cipher.js';
import { SecretStore } from '../../../electron/engine/workspace/secret-store.js';
import { aesSafeStorage } from '../../harness/aes-safe-storage.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';

/** A reversible stand-in for the keychain: enough to tell a sealed value from a plain one in the file. */
const reversingCipher: SecretCipher = {
  isAvailable: async () => true,
  encrypt: async (plain) => new TextEncoder().encode([...plain].reverse().join('')),
  decrypt: async (sealed) => ({ value: [...new TextDecoder().decode(sealed)].reverse().join(''), shouldReEncrypt: false }),
};

let temp: TempDir | null = null;
afterEach(() => {
  temp?.remove();
  temp = null;
});

function store(cipher: SecretCipher | null): SecretStore {
  temp = createTempDir('secret-store');
  return new SecretStore(temp.file('secrets/shop.json'), 'shop', cipher);
}

describe('the secret store edited as the window does', () => {
  it('swaps two names without losing either value, then sets and clears in the same write', async () => {
    const secrets = store(null);
    await secrets.set('staging', { token: 'tok-1', password: 'pw-1', old: 'old-1' });
    await secrets.edit('staging', { token: 'password', password: 'token' }, { old: null, apiKey: 'key-1' });
    expect(Object.fromEntries(await secrets.values('staging'))).toEqual({ password: 'tok-1', token: 'pw-1', apiKey: 'key-1' });
    expect(await secrets.names()).toEqual({ staging: ['apiKey', 'password', 'token'] });
    expect(await secrets.value('staging', 'old')).toBeNull();
  });

  it('moves a sealed value as stored, never writing it in clear', async () => {
    const secrets = store(reversingCipher);
    await secrets.set('staging', { token: 'sealed-tok-9' });
    await secrets.edit('staging', { token: 'apiToken' }, {});
    expect(await secrets.value('staging', 'apiToken')).toBe('sealed-tok-9');
    expect(readFileSync(secrets.path, 'utf8')).not.toContain('sealed-tok-9');
  });

  it('a renamed name that is not stored moves nothing; clearing an environment drops only its values', async () => {
    const secrets = store(null);
    await secrets.set('staging', { token: 'tok-2' });
    await secrets.set('*', { 'shop.authorization': 'Bearer b-2' });
    await secrets.edit('staging', { missing: 'found' }, {});
    expect(await secrets.names()).toEqual({ staging: ['token'], '*': ['shop.authorization'] });
    await secrets.clearEnvironment('staging');
    expect(await secrets.names()).toEqual({ '*': ['shop.authorization'] });
    expect(readFileSync(secrets.path, 'utf8')).not.toContain('tok-2');
  });
});

/** The sealed value of `name` in the store's file. */
function sealedIn(secrets: SecretStore, environment: string, name: string): string | undefined {
  const file = JSON.parse(readFileSync(secrets.path, 'utf8')) as { values: Record<string, Record<string, { sealed?: string }>> };
  return file.values[environment]?.[name]?.sealed;
}

describe('the secret store when the keychain asks for values to be encrypted again (decryptStringAsync: shouldReEncrypt)', () => {
  it('seals those values anew and rewrites the file; the new bytes open to the same value without the request', async () => {
    const keychain = aesSafeStorage();
    const secrets = store(safeStorageCipher(keychain, 'darwin'));
    await secrets.set('staging', { token: 'rotating-tok-3', other: 'other-4' });
    const before = sealedIn(secrets, 'staging', 'token');
    keychain.rotateKey();
    expect(Object.fromEntries(await secrets.values('staging'))).toEqual({ token: 'rotating-tok-3', other: 'other-4' });
    const after = sealedIn(secrets, 'staging', 'token');
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(readFileSync(secrets.path, 'utf8')).not.toContain('rotating-tok-3');
    const reread = new SecretStore(secrets.path, 'shop', safeStorageCipher(keychain, 'darwin'));
    expect(await reread.value('staging', 'token')).toBe('rotating-tok-3');
    expect(await safeStorageCipher(keychain, 'darwin').decrypt(Buffer.from(after!, 'base64'))).toEqual({ value: 'rotating-tok-3', shouldReEncrypt: false });
  });

  it('keeps the old sealed value when the keychain refuses to encrypt again', async () => {
    const keychain = aesSafeStorage();
    const secrets = store(safeStorageCipher(keychain, 'darwin'));
    await secrets.set('staging', { token: 'kept-tok-5' });
    const before = readFileSync(secrets.path, 'utf8');
    keychain.rotateKey();
    keychain.isEncryptRefused = true;
    expect(await secrets.value('staging', 'token')).toBe('kept-tok-5');
    expect(readFileSync(secrets.path, 'utf8')).toBe(before);
    expect(secrets.problem).toBeNull();
  });
});

describe('secrets this process cannot open', () => {
  it('names each by environment, sealed elsewhere or by a keychain that refuses them, and leaves the file as it is', async () => {
    const keychain = safeStorageCipher(aesSafeStorage());
    const sealing = store(keychain);
    await sealing.set('staging', { token: 'sealed-elsewhere' });
    await sealing.set('*', { 'shop.authorization': 'Bearer sealed' });
    // The same file read by a process without a keychain (the browser UI), which keeps what it sets in clear.
    const here = new SecretStore(sealing.path, 'shop', null);
    await here.set('local', { host: 'plain-here' });
    const before = readFileSync(sealing.path, 'utf8');
    expect(await here.unopenedNames()).toEqual({ '*': ['shop.authorization'], staging: ['token'] });
    // Read by a keychain that cannot open those bytes (another machine's).
    const refusing = new SecretStore(sealing.path, 'shop', { ...reversingCipher, decrypt: async () => Promise.reject(new Error('wrong key')) });
    expect(await refusing.unopenedNames()).toEqual({ '*': ['shop.authorization'], staging: ['token'] });
    expect(await new SecretStore(sealing.path, 'shop', keychain).unopenedNames()).toEqual({});
    expect(readFileSync(sealing.path, 'utf8')).toBe(before);
  });
});
