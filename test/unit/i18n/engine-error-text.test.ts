import { describe, expect, it } from 'vitest';
import { sendRefused } from '../../../shared/connection/send-refused-error.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { errorText } from '../../../shared/i18n/message-error.js';
import { message, renderMessage } from '../../../shared/i18n/message.js';
import { fileProblemText, unreadableFile } from '../../../shared/workspace/file-problem.js';

const zh = createTranslate('zh-CN');

describe('engine errors users meet, in the reader’s language', () => {
  it('words a send refused on a closed session in Chinese, its English as message', () => {
    const error = sendRefused('session', 'closed');
    expect(error.message).toBe('cannot send: the session is closed');
    expect(renderMessage(zh, errorText(error)!)).toBe('无法发送：会话已关闭');
  });

  it('words a workspace file problem in Chinese with the file and place as written', () => {
    const missing = unreadableFile('scenarios/a.json', message('workspace:fileProblem.missing'));
    expect(missing.message).toBe('the file does not exist');
    expect(renderMessage(zh, fileProblemText(missing))).toBe('scenarios/a.json：文件不存在');
    const zodIssue = { fileName: 'a.json', location: 'step 3 (expect)', field: 'timeoutMs', message: 'expected a number' };
    expect(renderMessage(zh, fileProblemText(zodIssue))).toBe('a.json：step 3 (expect)，字段 timeoutMs：expected a number');
  });
});
