import { describe, expect, it } from 'vitest';
import { ProtocolTracker } from '../../../shared/app-protocol/protocol-tracker.js';
import { detectAppProtocol } from '../../../shared/app-protocol/registry.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';

const zh = createTranslate('zh-CN');

describe('why a protocol was chosen, in the reader’s language', () => {
  it('words a subprotocol the server accepted in Chinese and keeps the English beside it', () => {
    const detection = detectAppProtocol({ url: 'ws://h/ws', offeredSubprotocols: ['v12.stomp'], acceptedSubprotocol: 'v12.stomp' });
    expect(detection?.reason).toBe('subprotocol v12.stomp accepted by the server');
    expect(renderMessage(zh, detection!.reasonText)).toBe('服务器接受了子协议 v12.stomp');
  });

  it('words a URL shape in Chinese with its Engine.IO version', () => {
    const detection = detectAppProtocol({ url: 'ws://h/socket.io/?EIO=4&transport=websocket', offeredSubprotocols: [] });
    expect(detection?.reason).toBe('the URL asks for Engine.IO 4 over websocket');
    expect(renderMessage(zh, detection!.reasonText)).toBe('URL 请求通过 websocket 使用 Engine.IO 4');
  });

  it('words the user’s own choice in Chinese', () => {
    const tracker = new ProtocolTracker({ choice: 'mqtt', context: { url: 'ws://h/ws', offeredSubprotocols: [] }, hasDuties: false, isDutiesEnabled: false });
    expect(tracker.detection?.reason).toBe('chosen by the user');
    expect(renderMessage(zh, tracker.detection!.reasonText)).toBe('由用户选择');
  });
});
