import { describe, expect, it } from 'vitest';
import { hasOneHost } from '../../../electron/web-host/request-guard.js';

describe('the Host lock', () => {
  it('needs exactly one Host header, in any case (RFC 9112 §3.2)', () => {
    expect(hasOneHost(['Host', '127.0.0.1:1', 'Accept', '*/*'])).toBe(true);
    expect(hasOneHost(['hOST', '127.0.0.1:1'])).toBe(true);
    expect(hasOneHost(['Accept', '*/*'])).toBe(false);
    expect(hasOneHost(['Host', '127.0.0.1:1', 'host', 'evil.example'])).toBe(false);
    // A header whose value is "Host" is not a Host header.
    expect(hasOneHost(['Host', '127.0.0.1:1', 'X-Name', 'Host'])).toBe(true);
  });
});
