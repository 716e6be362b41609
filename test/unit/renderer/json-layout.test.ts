import { describe, expect, it } from 'vitest';
import { layoutJson } from '../../../renderer/lib/json-layout.js';

describe('layoutJson', () => {
  it('indents without changing any token', () => {
    expect(layoutJson('{"id":12345678901234567890,"a":[1,2],"e":{},"s":"x, {y}"}')).toBe(
      '{\n  "id": 12345678901234567890,\n  "a": [\n    1,\n    2\n  ],\n  "e": {},\n  "s": "x, {y}"\n}',
    );
  });

  it('keeps escaped quotes inside strings', () => {
    expect(layoutJson('["a\\"]b"]')).toBe('[\n  "a\\"]b"\n]');
  });

  it('rejects unbalanced text', () => {
    expect(layoutJson('{"a":[1}')).toBeNull();
    expect(layoutJson('"open')).toBeNull();
  });
});
