import { describe, expect, it } from 'vitest';
import { eventRow } from '../../../electron/engine/capture/record-rows.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { message, renderMessage } from '../../../shared/i18n/message.js';

const english = createTranslate('en');
const chinese = createTranslate('zh-CN');

describe("an event row's summary as a message", () => {
  it('names the event, who closed and how, and the recorded sentence, in either language', () => {
    const connected = eventRow({ kind: 'event', seq: 0, atMicros: 0, name: 'tcp-connected' });
    expect(renderMessage(english, connected.text!)).toBe('tcp connected');
    expect(renderMessage(chinese, connected.text!)).toBe('TCP 已连接');

    const closed = eventRow({ kind: 'event', seq: 9, atMicros: 9, name: 'closed', by: 'server', how: 'close-frame', closeCode: 1000, closeReason: 'bye' });
    expect(renderMessage(english, closed.text!)).toBe('closed by the server: close frame from the server with code 1000 "bye"');
    expect(renderMessage(chinese, closed.text!)).toBe('由服务端关闭：来自服务端的关闭帧，关闭码 1000“bye”');

    const reset = eventRow({ kind: 'event', seq: 9, atMicros: 9, name: 'closed', by: 'path', how: 'rst' });
    expect(renderMessage(chinese, reset.text!)).toBe('由路径关闭：TCP 被重置（RST），没有 WebSocket 关闭帧');

    const failed = eventRow({ kind: 'event', seq: 3, atMicros: 3, name: 'error', stage: 'tls', message: 'certificate has expired', i18n: { message: message('common:verbatim', { text: 'certificate has expired' }) } });
    expect(renderMessage(english, failed.text!)).toBe('tls error: certificate has expired');
    expect(renderMessage(chinese, failed.text!)).toBe('tls 错误：certificate has expired');

    // The English summary is kept as it was, for --json readers and older windows.
    expect(failed.summary).toBe('tls error: certificate has expired');
  });
});
