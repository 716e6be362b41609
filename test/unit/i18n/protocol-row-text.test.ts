import { describe, expect, it } from 'vitest';
import { protocolRowAt } from '../../../electron/engine/protocol/protocol-rows.js';
import { ProtocolStore } from '../../../electron/engine/protocol/protocol-store.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';

const zh = createTranslate('zh-CN');
const noType = { rule: 'graphql-ws-no-type', reference: 'graphql-ws', message: 'The message is not an object with a string "type".', i18n: { key: 'protocols:violation.detail.graphqlNoType' } };

describe('the timeline’s protocol column in the reader’s language', () => {
  it('words an invalid message by its violation, and keeps the English summary beside it', () => {
    const store = new ProtocolStore();
    store.add({ protocol: 'graphql-ws', index: 1, direction: 'out', atMicros: 1, seqs: [1], kind: 'invalid', summary: 'graphql-ws invalid: x', isControl: false, tree: {}, links: [], rttMicros: undefined, violations: [noType] });
    const row = protocolRowAt(store, 'graphql-ws', 1);
    expect(row?.summary).toBe('graphql-ws invalid: x');
    expect(renderMessage(zh, row!.summaryText!)).toBe('graphql-ws 无法解析：消息不是带字符串 "type" 字段的对象。');
  });

  it('leaves a decoded message’s summary as protocol vocabulary (no message)', () => {
    const store = new ProtocolStore();
    store.add({ protocol: 'stomp', index: 1, direction: 'in', atMicros: 1, seqs: [1], kind: 'MESSAGE', summary: 'STOMP MESSAGE /queue/a', isControl: false, tree: {}, links: [], rttMicros: undefined, violations: [] });
    expect(protocolRowAt(store, 'stomp', 1)?.summaryText).toBeUndefined();
  });
});
