import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../../shared/contract/api.js';
import { bridgeErrorSchema, toBridgeError } from '../../../shared/contract/bridge-protocol.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { message, renderMessage } from '../../../shared/i18n/message.js';
import { errorText, MessageError } from '../../../shared/i18n/message-error.js';

describe('an engine error worded as a message', () => {
  const text = message('workspace:error.noScenario', { id: 'login' });

  it('is English text with the message beside it', () => {
    const error = new MessageError(text);
    expect(error.message).toBe('no scenario "login" in the workspace');
    expect(errorText(error)).toEqual(text);
    expect(errorText(new Error('plain'))).toBeUndefined();
  });

  it('crosses the web bridge with its message, which the page renders in its language', () => {
    const sent = bridgeErrorSchema.parse(JSON.parse(JSON.stringify(toBridgeError(new MessageError(text)))));
    expect(sent).toEqual({ message: 'no scenario "login" in the workspace', i18n: text });
    expect(renderMessage(createTranslate('zh-CN'), sent.i18n!)).toBe('工作区中没有场景“login”');
  });

  it('leaves an error without a message as English text only', () => {
    expect(toBridgeError(new Error('socket hang up'))).toEqual({ message: 'socket hang up' });
  });

  it('words an argument the contract refuses with its field, crossing the web bridge as a message', () => {
    let thrown: unknown;
    try {
      parseCommandArgs('closeSession', ['session-1', { code: 70_000, reason: '' }]);
    } catch (error) {
      thrown = error;
    }
    const sent = bridgeErrorSchema.parse(JSON.parse(JSON.stringify(toBridgeError(thrown))));
    expect(sent).toMatchObject({ message: 'must be at most 4999', field: '1.code' });
    expect(renderMessage(createTranslate('zh-CN'), sent.i18n!)).toBe('1.code：不能大于 4999');
  });
});
