import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { formatList } from '../../../shared/i18n/list-format.js';

describe('lists in each language', () => {
  it('spaces a Chinese conjunction from Latin text and digits beside it, and leaves punctuation and Chinese alone', () => {
    expect(formatList(['握手', 'HTTP/1.0'], 'zh-CN')).toBe('握手和 HTTP/1.0');
    expect(formatList(['ping', '握手'], 'zh-CN')).toBe('ping 和握手');
    expect(formatList(['握手', 'HTTP/1.0', 'ping'], 'zh-CN')).toBe('握手、HTTP/1.0 和 ping');
    expect(formatList(['握手', '大消息'], 'zh-CN')).toBe('握手和大消息');
  });

  it('is Intl.ListFormat as it is in English', () => {
    expect(formatList(['the handshake', 'HTTP/1.0', 'ping'], 'en')).toBe('the handshake, HTTP/1.0, and ping');
  });

  it('is what {{items, list}} renders in the catalogues', () => {
    const zh = createTranslate('zh-CN');
    expect(zh('doctor:verdict.healthy', { count: 2, tested: ['握手', 'HTTP/1.0'] })).toContain('握手和 HTTP/1.0');
  });
});
