import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecordJson } from '../../../shared/contract/records.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { jsonLines, runCli } from './run-cli.js';

describe('a capture budget reached from the command line', () => {
  let server: WsServerPeer;
  let temp: TempDir;
  beforeAll(async () => {
    server = await startWsServer();
    temp = createTempDir('budget-warning');
  });
  afterAll(async () => {
    await server?.stop();
    temp?.remove();
  });

  // With a capture file the records are kept for it, so the budget counts every one (without one,
  // printed records are let go: cli/records-let-go.test.ts).
  const argv = (): string[] => ['connect', server.url, '--send', 'a', '--send', 'b', '--send', 'c', '--send', 'd', '--max-records', '6', '--wait', '0.3', '--capture', join(temp.path, 'budget.frameline.json')];

  it('is a warning in the reader’s language (--lang zh-CN), with the budget and limit as details', async () => {
    const run = await runCli([...argv(), '--lang', 'zh-CN']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('warning 捕获已达到 6 条记录的上限；之后的帧只计数，不保留。 (budget=records limit=6)');
    expect(run.stdout).not.toContain('reached its budget');
  });

  it('--json keeps the English sentence and the message beside it, whatever the language', async () => {
    const warning = jsonLines((await runCli([...argv(), '--json', '--lang', 'zh-CN'])).stdout).find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'warning');
    expect(warning).toMatchObject({
      message: 'The capture reached its budget of 6 records; later frames are counted but not kept.',
      i18n: { message: { key: 'capture:budget.records', values: { limit: 6 } } },
      budget: 'records',
      limit: 6,
    });
  });
});
