import { describe, expect, it } from 'vitest';
import { CaseRun } from '../../../electron/engine/conformance/case-run.js';
import { findCase } from '../../../shared/conformance/case-table.js';
import type { EventRecordJson } from '../../../shared/contract/records.js';
import { sessionOptionsSchema } from '../../../shared/contract/session-options.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { eventMessage } from '../../../shared/i18n/event-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { freePort } from '../../harness/free-port.js';

const chinese = createTranslate('zh-CN');

/** The capture's events as they are read back, each with its message in Chinese. */
function eventsOf(run: CaseRun): { event: EventRecordJson; chinese: string }[] {
  return [...run.capture.getRecords(0, run.capture.count)]
    .map((_, seq) => run.capture.getRecordJson(seq))
    .filter((record): record is EventRecordJson => record.kind === 'event' && (record.name === 'note' || record.name === 'error'))
    .map((event) => ({ event, chinese: renderMessage(chinese, eventMessage(event, 'message')) }));
}

describe("a conformance case's own events speak the reader's language", () => {
  it('names the case in a note and keeps the dial failure as a message, when nothing listens', async () => {
    const port = await freePort();
    const testCase = findCase('1.1.1')!;
    const run = new CaseRun(testCase, sessionOptionsSchema.parse({ url: `ws://127.0.0.1:${port}/` }), 5_000);
    const outcome = await run.run();
    expect(outcome.judgement.verdict).toBe('FAILED');
    const [note, error] = eventsOf(run);
    expect(note!.event.message).toMatch(/^conformance case 1\.1\.1: /);
    expect(note!.chinese).toMatch(/^一致性用例 1\.1\.1：[^a-z]*[\u4e00-\u9fff]/);
    expect(error!.event).toMatchObject({ stage: 'tcp', message: `Connection refused: nothing listens on 127.0.0.1:${port}` });
    expect(error!.chinese).toBe(`连接被拒绝：127.0.0.1:${port} 上没有程序在监听`);
  });
});
