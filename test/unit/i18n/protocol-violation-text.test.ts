import { describe, expect, it } from 'vitest';
import { protocolSummaryMessage, protocolViolationMessage } from '../../../shared/app-protocol/protocol-violation-text.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';

const zh = createTranslate('zh-CN');

describe('application-protocol violations in the reader’s language', () => {
  it('words a violation that carries its message wholly in Chinese, and its English as recorded', () => {
    const violation = { rule: 'stomp-bad-command', message: '"hello" is not a STOMP command.', i18n: { key: 'protocols:violation.detail.stompBadCommand', values: { command: 'hello' } } };
    expect(renderMessage(zh, protocolViolationMessage(violation))).toBe('"hello" 不是 STOMP 命令。');
    expect(englishText(protocolViolationMessage(violation))).toBe(violation.message);
  });

  it('names a known rule in Chinese before a parser’s English detail (a capture without messages)', () => {
    const violation = { rule: 'mqtt-malformed-packet', message: 'packet type 0 is reserved' };
    expect(renderMessage(zh, protocolViolationMessage(violation))).toBe('MQTT 报文格式错误：packet type 0 is reserved');
  });

  it('shows an unknown rule’s text as recorded, and looks rule ids up as own keys only', () => {
    expect(renderMessage(zh, protocolViolationMessage({ rule: 'future-rule', message: 'as recorded' }))).toBe('as recorded');
    expect(renderMessage(zh, protocolViolationMessage({ rule: 'toString', message: 'as recorded' }))).toBe('as recorded');
  });

  it('words an invalid message’s summary by its violation; other summaries stay protocol vocabulary', () => {
    const violation = { rule: 'graphql-ws-no-type', message: 'x', i18n: { key: 'protocols:violation.detail.graphqlNoType' } };
    expect(renderMessage(zh, protocolSummaryMessage({ protocol: 'graphql-ws', kind: 'invalid', summary: 'graphql-ws invalid: x', violations: [violation] }))).toBe('graphql-ws 无法解析：消息不是带字符串 "type" 字段的对象。');
    expect(renderMessage(zh, protocolSummaryMessage({ protocol: 'stomp', kind: 'MESSAGE', summary: 'stomp MESSAGE /queue/a', violations: [] }))).toBe('stomp MESSAGE /queue/a');
  });
});
