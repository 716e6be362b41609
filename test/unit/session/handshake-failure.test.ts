import { describe, expect, it } from 'vitest';
import { describeHandshakeFailure, type RefusedAnswer } from '../../../electron/engine/session/handshake-failure.js';
import { causeSentence } from '../../../shared/doctor/cause-sentence.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';

const answer = (status: number, reason: string, overrides: Partial<RefusedAnswer> = {}): RefusedAnswer => ({
  status,
  reason,
  responseHeaders: [],
  requestHeaders: [['Origin', 'https://app.test']],
  target: '/socket',
  bodyText: '',
  peer: '127.0.0.1:8080',
  ...overrides,
});

describe("a session's handshake failure, worded by the Doctor's status table", () => {
  it('names the status and the peer', () => {
    expect(englishText(describeHandshakeFailure(answer(426, 'Upgrade Required')).message)).toBe('handshake failed: HTTP 426 Upgrade Required from 127.0.0.1:8080');
    expect(englishText(describeHandshakeFailure(answer(400, '')).message)).toBe('handshake failed: HTTP 400 from 127.0.0.1:8080');
  });

  it('a 426 lists both readings, dropped Upgrade headers first, in the words of the Doctor', () => {
    const hint = englishText(describeHandshakeFailure(answer(426, 'Upgrade Required')).hint);
    expect(hint).toContain(englishText(causeSentence('upgrade-headers-dropped', { status: 426 })));
    expect(hint).toContain(englishText(causeSentence('http-version-downgraded', { status: 426 })));
    expect(hint.indexOf('Upgrade and Connection')).toBeLessThan(hint.indexOf('HTTP/1.0'));
    expect(hint).toContain('frameline diagnose');
  });

  it("a 400 whose body complains about the request puts the HTTP/1.0 reading first (python3-websockets' answer)", () => {
    const hint = englishText(describeHandshakeFailure(answer(400, 'Bad Request', { bodyText: 'Failed to open a WebSocket connection: did not receive a valid HTTP request.' })).hint);
    expect(hint.indexOf('HTTP/1.0')).toBeLessThan(hint.indexOf('Upgrade and Connection'));
  });

  it('one cause where the status says one thing: redirect with its Location, origin with the Origin sent, the path for 404', () => {
    expect(englishText(describeHandshakeFailure(answer(301, 'Moved Permanently', { responseHeaders: [['Location', 'wss://a.test/socket']] })).hint)).toContain(englishText(causeSentence('redirect', { status: 301, location: 'wss://a.test/socket' })));
    expect(englishText(describeHandshakeFailure(answer(403, 'Forbidden')).hint)).toContain('https://app.test');
    expect(englishText(describeHandshakeFailure(answer(404, 'Not Found')).hint)).toContain(englishText(causeSentence('path-not-found', { status: 404, path: '/socket' })));
    expect(englishText(describeHandshakeFailure(answer(504, 'Gateway Timeout')).hint)).toContain(englishText(causeSentence('gateway-timeout', { status: 504 })));
  });

  it('reads in Chinese', () => {
    const chinese = createTranslate('zh-CN');
    const text = describeHandshakeFailure(answer(426, 'Upgrade Required'));
    expect(renderMessage(chinese, text.message)).toBe('握手失败：127.0.0.1:8080 返回 HTTP 426 Upgrade Required');
    expect(renderMessage(chinese, text.hint!)).toContain('没有转发 Upgrade 和 Connection 请求头');
  });
});
