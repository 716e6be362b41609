import { describe, expect, it } from 'vitest';
import { parseJsonPath, setJsonPath } from '../../../shared/relay/json-path.js';

describe('JSON paths for rules', () => {
  it.each([
    ['$.user.name', [{ key: 'user' }, { key: 'name' }]],
    ["$['a key'].list[2]", [{ key: 'a key' }, { key: 'list' }, { index: 2 }]],
    ['$["q\\"uote"]', [{ key: 'q"uote' }]],
    ['user.items.0', [{ key: 'user' }, { key: 'items' }, { index: 0 }]],
  ])('%s reads as its steps', (path, steps) => {
    expect(parseJsonPath(path)).toEqual({ ok: true, steps });
  });

  it.each([
    ['$', 'relay:jsonPath.wholeMessage'],
    ['$.', 'relay:jsonPath.expectedName'],
    ['$[x]', 'relay:jsonPath.expectedBracket'],
    ['$x', 'relay:jsonPath.unexpected'],
    ['a..b', 'relay:jsonPath.emptyStep'],
  ])('%s is refused with %s', (path, key) => {
    const result = parseJsonPath(path);
    expect(result.ok ? null : result.reason.key).toBe(key);
  });

  it('sets a value, keeping the order of the other keys', () => {
    expect(setJsonPath('{"op":"send","body":{"text":"hi","n":1}}', '$.body.text', 'edited')).toEqual({ ok: true, text: '{"op":"send","body":{"text":"edited","n":1}}' });
  });

  it('creates missing objects on the way, and appends at the end of an array', () => {
    expect(setJsonPath('{"a":[1]}', '$.b.c', true)).toEqual({ ok: true, text: '{"a":[1],"b":{"c":true}}' });
    expect(setJsonPath('{"a":[1]}', 'a.1', { x: null })).toEqual({ ok: true, text: '{"a":[1,{"x":null}]}' });
  });

  it('says why it cannot set', () => {
    const reason = (text: string, path: string) => {
      const result = setJsonPath(text, path, 1);
      return result.ok ? null : result.reason;
    };
    expect(reason('not json', '$.a')).toEqual({ key: 'relay:jsonPath.notJson' });
    expect(reason('[1,2]', '$.a')).toEqual({ key: 'relay:jsonPath.notObject', values: { key: 'a' } });
    expect(reason('{"a":{}}', '$.a[0]')).toEqual({ key: 'relay:jsonPath.notArray', values: { index: 0 } });
    expect(reason('{"a":[1]}', '$.a[5]')).toEqual({ key: 'relay:jsonPath.pastEnd', values: { index: 5, length: 1 } });
  });
});
