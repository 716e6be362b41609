import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../../electron/page/request-target.js';

describe('parseRequestTarget', () => {
  it('decodes an origin-form path and keeps the query', () => {
    const target = parseRequestTarget('/assets/a%20b.js?token=x%2By');
    expect(target?.path).toBe('/assets/a b.js');
    expect(target?.query.get('token')).toBe('x+y');
  });

  it.each(['/%', '/%zz', '/a%E0%A4%A', '/%C0%AF', '/%00', '/x%00.html'])('refuses the malformed or NUL path %s', (raw) => {
    expect(parseRequestTarget(raw)).toBeNull();
  });

  it.each([undefined, '', '*', 'x', 'http://[', 'http://127.0.0.1/', '//evil.example/x'])('refuses a target that is not origin-form: %s', (raw) => {
    expect(parseRequestTarget(raw)).toBeNull();
  });

  it('keeps a malformed escape in the query as data', () => {
    expect(parseRequestTarget('/?token=%')?.query.get('token')).toBe('%');
  });
});
