import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { UserDataStore } from '../../../electron/engine/user-data/user-data-store.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';

describe('the user data store', () => {
  let temp: TempDir;
  afterEach(() => temp?.remove());

  it('starts empty with default preferences', async () => {
    temp = createTempDir('user-data');
    const loaded = await new UserDataStore(temp.path).load();
    expect(loaded).toEqual({ preferences: { timeFormat: 'clock', timelineUnit: 'frames', columns: {}, panes: {} }, snippets: [], history: [], problems: [] });
  });

  it('keeps what was saved across instances (a restart)', async () => {
    temp = createTempDir('user-data');
    const store = new UserDataStore(temp.path);
    await store.save({ kind: 'snippets', snippets: [{ name: 'hello', mode: 'json', text: '{"op":1}', encoding: 'text' }] });
    await store.save({ kind: 'history', history: [{ mode: 'ping', text: '70696e67', encoding: 'hex' }] });
    await store.save({ kind: 'preferences', preferences: { language: 'zh-CN', timeFormat: 'delta', timelineUnit: 'messages', columns: { mask: { isHidden: true } }, panes: { sideWidthPx: 500 } } });
    const loaded = await new UserDataStore(temp.path).load();
    expect(loaded.snippets).toEqual([{ name: 'hello', mode: 'json', text: '{"op":1}', encoding: 'text' }]);
    expect(loaded.history).toEqual([{ mode: 'ping', text: '70696e67', encoding: 'hex' }]);
    expect(loaded.preferences).toMatchObject({ language: 'zh-CN', timeFormat: 'delta', columns: { mask: { isHidden: true } }, panes: { sideWidthPx: 500 } });
    expect(loaded.problems).toEqual([]);
    // No temp files are left behind by the atomic writes.
    expect(readdirSync(temp.path).sort()).toEqual(['history.json', 'preferences.json', 'snippets.json']);
  });

  it('keeps a corrupt file aside, reports it, and loads the others', async () => {
    temp = createTempDir('user-data');
    const store = new UserDataStore(temp.path);
    await store.save({ kind: 'history', history: [{ mode: 'text', text: 'kept', encoding: 'text' }] });
    writeFileSync(temp.file('snippets.json'), '[{"name": "half');
    writeFileSync(temp.file('preferences.json'), '{"timeFormat": "sundial"}');
    const loaded = await new UserDataStore(temp.path).load();
    expect(loaded.snippets).toEqual([]);
    expect(loaded.preferences.timeFormat).toBe('clock');
    expect(loaded.history).toEqual([{ mode: 'text', text: 'kept', encoding: 'text' }]);
    expect(loaded.problems.map((problem) => problem.fileName)).toEqual(['preferences.json', 'snippets.json']);
    expect(loaded.problems[1]!.message).toMatch(/^snippets\.json: not valid JSON/);
    expect(loaded.problems[0]!.message).toMatch(/^preferences\.json: timeFormat: /);
    for (const problem of loaded.problems) {
      expect(existsSync(temp.file(problem.keptAs!))).toBe(true);
      expect(existsSync(temp.file(problem.fileName))).toBe(false);
    }
    expect(readFileSync(temp.file(loaded.problems[1]!.keptAs!), 'utf8')).toBe('[{"name": "half');
  });

  it('applies saves to one file in the order they were made', async () => {
    temp = createTempDir('user-data');
    const store = new UserDataStore(temp.path);
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.save({ kind: 'history', history: [{ mode: 'text', text: String(index), encoding: 'text' }] })));
    expect((await store.load()).history).toEqual([{ mode: 'text', text: '19', encoding: 'text' }]);
  });
});
