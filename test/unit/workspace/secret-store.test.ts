import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../../electron/engine/secrets/secret-cipher.js';
import { SecretStore } from '../../../electron/engine/workspace/secret-store.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';

/** A reversible stand-in for the keychain: enough to tell a sealed value from a plain one in the file. */
const reversingCipher: SecretCipher = {
  isAvailable: () => true,
  encrypt: (plain) => new TextEncoder().encode([...plain].reverse().join('')),
  decrypt: (sealed) => [...new TextDecoder().decode(sealed)].reverse().join(''),
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
