import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRelaySettings, RelaySettingsStore } from '../../../electron/engine/relay/relay-settings-store.js';
import { relaySettingsSchema } from '../../../shared/contract/api-relay.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';

describe('relay settings file', () => {
  let temp: TempDir | undefined;
  afterEach(() => temp?.remove());

  it('saves the relay setup with its rules atomically (readable by the user only) and loads them back', async () => {
    temp = createTempDir('relay-settings');
    const store = new RelaySettingsStore(temp.file('nested/relay-settings.json'), null);
    expect(await store.load()).toEqual({ settings: defaultRelaySettings, problem: null });
    const settings = relaySettingsSchema.parse({
      options: { port: 9090, upstreamUrl: 'ws://127.0.0.1:8080/', mode: 'message' },
      interception: { rules: [{ id: 'mock', match: { direction: 'out', pattern: 'ping' }, action: { kind: 'reply', payload: '{"pong":1}' } }], shaping: { in: { delayMs: 250 } } },
    });
    const saved = await store.save(settings);
    expect(saved.savedAt).toBeGreaterThan(0);
    expect(statSync(temp.file('nested/relay-settings.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(temp.file('nested'))).toEqual(['relay-settings.json']);
    expect(await store.load()).toEqual({ settings: saved, problem: null });
  });

  it('a file that fails validation is kept aside and named; the defaults load instead', async () => {
    temp = createTempDir('relay-settings');
    const path = temp.file('relay-settings.json');
    writeFileSync(path, JSON.stringify({ options: { port: 9090 }, interception: { rules: [{ id: 'r', match: { pattern: '(' }, action: { kind: 'drop' } }] } }));
    const loaded = await new RelaySettingsStore(path, null).load();
    expect(loaded.settings).toEqual(defaultRelaySettings);
    expect(loaded.problem).toMatch(/interception\.rules\.0\.match\.pattern: not a valid regular expression \(kept as .*relay-settings\.json\.corrupt-\d+\)/);
    const kept = readdirSync(temp.path).filter((name) => name.startsWith('relay-settings.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(temp.file(kept[0]!), 'utf8')).toContain('"pattern":"("');
  });
});
