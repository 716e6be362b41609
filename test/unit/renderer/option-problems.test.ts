import { describe, expect, it } from 'vitest';
import { textOf } from '../../../renderer/lib/text.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { createI18n } from '../../../shared/i18n/create-i18n.js';
import { fakeApi } from './fake-api.js';

// The connection bar's settings are checked in the window against the contract's schema before
// anything is sent; what fails is said in the window's language, the field as written.
describe('connection settings the window refuses', () => {
  it('names the field and words the problem in the window’s language', () => {
    const store = createAppStore(fakeApi({ value: 0 }).api);
    store.getState().settings.setUrl('http://example.test/chat');
    expect(store.getState().settings.validForm()).toBeNull();
    const notice = store.getState().sessions.notice!;
    expect(notice.kind).toBe('error');
    expect(textOf(notice.message, createI18n('zh-CN').t)).toBe('url：URL 必须以 ws:// 或 wss:// 开头并写明主机');
    expect(textOf(notice.message, createI18n('en').t)).toBe('url: URL must start with ws:// or wss:// and name a host');
  });
});
