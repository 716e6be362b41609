import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { ProfileStore } from '../../../electron/engine/profiles/profile-store.js';

describe('ProfileStore', () => {
  let directory: string;
  let store: ProfileStore;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'frameline-profiles-'));
    store = new ProfileStore(directory, null);
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('saves, lists and deletes profiles, one file each, readable by the user only', async () => {
    const options = { ...defaultSessionOptions('ws://127.0.0.1:9/x'), subprotocols: ['chat'] };
    await store.save('staging / eu', options);
    await store.save('../escape', defaultSessionOptions('ws://127.0.0.1:9/y'));
    const listed = await store.list();
    expect(listed.problems).toEqual([]);
    expect(listed.profiles.map((profile) => profile.name).sort()).toEqual(['../escape', 'staging / eu']);
    expect(listed.profiles.find((profile) => profile.name === 'staging / eu')?.options.subprotocols).toEqual(['chat']);
    // Names never become paths: everything stays inside the folder.
    for (const file of readdirSync(directory)) {
      expect(file).not.toContain('/');
      expect(statSync(join(directory, file)).mode & 0o077).toBe(0);
    }
    await store.delete('../escape');
    expect((await store.list()).profiles.map((profile) => profile.name)).toEqual(['staging / eu']);
  });

  it('leaves no temp file behind after a save (temp file, fsync, rename)', async () => {
    await store.save('a', defaultSessionOptions('ws://127.0.0.1:9/'));
    expect(readdirSync(directory).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps a corrupt file aside and reports it with the bad field, never dropping it silently', async () => {
    await store.save('good', defaultSessionOptions('ws://127.0.0.1:9/'));
    writeFileSync(join(directory, 'broken.profile.json'), '{"name":"broken","options":{"url":"http://nope"},"savedAt":1}');
    writeFileSync(join(directory, 'cut.profile.json'), '{"name":"cut","opt');
    const listed = await store.list();
    expect(listed.profiles.map((profile) => profile.name)).toEqual(['good']);
    expect(listed.problems).toHaveLength(2);
    const broken = listed.problems.find((problem) => problem.fileName === 'broken.profile.json');
    expect(broken?.message).toContain('options.url');
    const cut = listed.problems.find((problem) => problem.fileName === 'cut.profile.json');
    expect(cut?.message).toContain('not valid JSON');
    // The bytes are still there, under the name the problem gives.
    expect(readFileSync(join(directory, cut!.keptAs!), 'utf8')).toBe('{"name":"cut","opt');
  });
});
