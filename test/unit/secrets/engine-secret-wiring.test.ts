import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { safeStorageCipher } from '../../../electron/engine/secrets/safe-storage-cipher.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { aesSafeStorage } from '../../harness/aes-safe-storage.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';

const password = 'wired-through-engine-5';

let temp: TempDir | null = null;
let engine: FramelineEngine | null = null;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
  temp?.remove();
  temp = null;
});

describe('the engine with the desktop app cipher (safeStorage over AES standing in for the keychain)', () => {
  it('encrypts the proxy passwords of profiles and relay settings saved through the contract, and opens them again', async () => {
    temp = createTempDir('engine-secrets');
    engine = new FramelineEngine({ dataDirectory: temp.path, secretCipher: safeStorageCipher(aesSafeStorage()) });
    const proxy = { kind: 'http-connect', host: '127.0.0.1', port: 3128, username: 'carol', password };
    await engine.run('saveProfile', ['p', { ...defaultSessionOptions('ws://127.0.0.1:9/'), proxy }]);
    await engine.run('saveRelaySettings', [{ options: { port: 9080, connection: { proxy } }, interception: {} }]);
    for (const file of [temp.file('profiles', readdirSync(temp.file('profiles'))[0]!), temp.file('relay-settings.json')]) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(password);
      expect(text).toContain('"storage": "safeStorage"');
    }
    expect((await engine.run('listProfiles', [])).profiles[0]?.options.proxy).toEqual(proxy);
    const relay = await engine.run('loadRelaySettings', []);
    expect(relay.problem).toBeNull();
    expect(relay.settings.options.connection.proxy).toEqual(proxy);
  });
});
