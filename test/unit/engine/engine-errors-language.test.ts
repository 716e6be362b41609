import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { errorText } from '../../../shared/i18n/message-error.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { createWorkspaceFixture, type WorkspaceFixture } from '../../harness/workspace-fixture.js';
import { exportBytes, fixtureLog } from '../export/export-fixture.js';

const zh = createTranslate('zh-CN');

/** A command's failure as the reader sees it in Chinese, and its English as logs and `--json` keep it. */
async function failure(call: Promise<unknown>): Promise<{ zh: string; en: string }> {
  const error = await call.then(
    () => expect.fail('the command succeeded'),
    (thrown: unknown) => thrown as Error,
  );
  const text = errorText(error);
  return { zh: text ? renderMessage(zh, text) : `untranslated: ${error.message}`, en: error.message };
}

// Engine commands that name something that is not there, or refuse a read-only session: each
// error carries its sentence as a message (English in `message`), so every edge words it.
describe('engine errors of missing things and read-only sessions, in Chinese', () => {
  let workspace: WorkspaceFixture;
  let engine: FramelineEngine;
  let importedId: string;

  beforeAll(async () => {
    workspace = createWorkspaceFixture();
    engine = new FramelineEngine({ dataDirectory: workspace.dataDirectory });
    const bytes = await exportBytes(fixtureLog(), 'json', noRedaction);
    ({ sessionId: importedId } = await engine.run('importCapture', [{ kind: 'content', fileName: 'bug.frameline.json', base64: bytes.toString('base64') }]));
  });

  afterAll(async () => {
    await engine?.dispose();
    workspace?.root.remove();
  });

  it('a fan-out run, a listener and a relay that do not exist', async () => {
    expect(await failure(engine.run('openFanoutClient', ['run-1', 1]))).toEqual({ zh: '没有扇出运行 run-1（只保留最近的 3 次）', en: 'no fan-out run run-1 (only the newest 3 are kept)' });
    expect((await failure(engine.run('exportFanoutReport', ['run-1', { format: 'json', language: 'en' }]))).zh).toBe('没有已结束的扇出运行 run-1');
    expect((await failure(engine.run('stopListener', ['listener-1']))).zh).toBe('没有监听器 listener-1');
    expect((await failure(engine.run('stopRelay', ['relay-1']))).zh).toBe('没有中继 relay-1');
    expect((await failure(engine.run('getPausedPayload', ['session-1', 1]))).zh).toBe('session-1 不是打开中的中继会话');
  });

  it('a record that is not a frame, and an imported capture asked to act', async () => {
    expect((await failure(engine.run('getMessage', [importedId, 0]))).zh).toBe('记录 0 不是帧');
    expect(await failure(engine.run('closeSession', [importedId, { code: 1000, reason: '' }]))).toEqual({ zh: '这个会话是导入的抓包，是只读的', en: 'this session is an imported capture and is read-only' });
    expect((await failure(engine.run('reconnectSession', [importedId, null]))).zh).toBe('这个会话没有可复用的连接设置；请用“连接”打开该 URL');
    expect((await failure(engine.run('setProtocolDuties', [importedId, true]))).zh).toBe('这个会话只做解码：监听到的连接和导入的抓包没有协议职责');
  });

  it('a .proto text without the message type asked for', async () => {
    const protoText = 'syntax = "proto3"; message Order { string id = 1; }';
    expect((await failure(engine.run('setPayloadFormat', [importedId, { format: 'protobuf-schema', protoText, messageType: 'Invoice' }]))).zh).toBe('.proto 文本中没有消息类型 Invoice（现有：Order）');
    expect((await failure(engine.run('setPayloadFormat', [importedId, { format: 'protobuf-schema' }]))).zh).toBe('Protocol Buffers 结构视图需要 .proto 文本');
  });

  it('a Postman collection or command line that cannot be imported', async () => {
    await engine.run('openWorkspace', [workspace.path, { create: false }]);
    expect(await failure(engine.run('importIntoWorkspace', [{ kind: 'command-line', text: 'curl https://example.test/' }]))).toEqual({
      zh: '不是 wscat 或 websocat 命令（它以 "curl" 开头）',
      en: 'not a wscat or websocat command (it starts with "curl")',
    });
    const collection = JSON.stringify({ info: { name: 'Shop', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: 'none' });
    expect((await failure(engine.run('importIntoWorkspace', [{ kind: 'postman', text: collection }]))).zh).toBe('不是 Postman collection v2.1：item：应为列表');
  });

  it('an import’s warnings: English for scripts, messages for the reader', async () => {
    const first = await engine.run('importIntoWorkspace', [{ kind: 'command-line', text: 'wscat -c ws://127.0.0.1:9/chat -P' }]);
    expect(first.warnings).toEqual(['-P only changes how wscat prints or reads; dropped']);
    expect(first.warningTexts.map((text) => renderMessage(zh, text))).toEqual(['-P 只影响 wscat 的输出或输入方式；已忽略']);
    const again = await engine.run('importIntoWorkspace', [{ kind: 'command-line', text: 'wscat -c ws://127.0.0.1:9/chat' }]);
    expect(again.warningTexts.map((text) => renderMessage(zh, text))).toEqual([`127.0.0.1:9/chat：工作区中已有（${first.added[0]}）；已跳过`]);
  });
});
