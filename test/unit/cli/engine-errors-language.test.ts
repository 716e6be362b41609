import { writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runRun } from '../../../electron/cli/run-command.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { createWorkspaceFixture, type WorkspaceFixture } from '../../harness/workspace-fixture.js';
import { runCli } from '../../integration/cli/run-cli.js';

// Option values the contract's schemas refuse and engine errors a command meets before any
// connection, worded in the reader's language; nothing here opens a socket.
const scenario = { format: 'frameline-scenario', version: 1, name: 'Ping', steps: [{ step: 'connect', url: 'ws://127.0.0.1:9/' }] };

describe('frameline option values refused by the schema, in the reader’s language', () => {
  it('words a fan-out refinement in Chinese, with its field as written', async () => {
    const zh = await runCli(['fanout', 'ws://127.0.0.1:9/', '--clients', '2', '--senders', '5', '--lang', 'zh-CN']);
    expect({ status: zh.status, stderr: zh.stderr }).toEqual({ status: 2, stderr: 'frameline: senders：发送者不能多于客户端\n' });
    const en = await runCli(['fanout', 'ws://127.0.0.1:9/', '--clients', '2', '--senders', '5', '--lang', 'en']);
    expect(en.stderr).toBe('frameline: senders: senders cannot outnumber clients\n');
  });

  it('words a bound zod checks in Chinese', async () => {
    const run = await runCli(['fanout', 'ws://127.0.0.1:9/', '--clients', '0', '--lang', 'zh-CN']);
    expect(run.stderr).toBe('frameline: clients：不能小于 1\n');
  });

  it('words a URL that is not ws:// or wss:// in Chinese', async () => {
    const run = await runCli(['connect', 'http://127.0.0.1:9/', '--lang', 'zh-CN']);
    expect(run.stderr).toBe('frameline: url：URL 必须以 ws:// 或 wss:// 开头并写明主机\n');
  });
});

describe('frameline command lines node:util cannot parse, in the reader’s language', () => {
  it.each([
    [['connect', 'ws://127.0.0.1:9/', '--bogus'], '未知选项 --bogus', 'unknown option --bogus'],
    [['connect', 'ws://127.0.0.1:9/', '--send'], '--send 需要一个值', '--send needs a value'],
    [['connect', 'ws://127.0.0.1:9/', '--json=yes'], '--json 不接受值', '--json takes no value'],
  ])('%j', async (argv, chinese, english) => {
    expect((await runCli([...argv, '--lang', 'zh-CN'])).stderr).toBe(`frameline: ${chinese}\n`);
    expect((await runCli([...argv, '--lang', 'en'])).stderr).toBe(`frameline: ${english}\n`);
  });
});

describe('frameline run: environments that cannot be had, in the reader’s language', () => {
  let temp: TempDir | undefined;
  let workspace: WorkspaceFixture | undefined;
  afterEach(() => {
    temp?.remove();
    workspace?.root.remove();
  });

  it('says --env needs a workspace in Chinese, and keeps the English in the JSON report', async () => {
    temp = createTempDir('run-env');
    const file = temp.file('ping.json');
    writeFileSync(file, JSON.stringify(scenario));
    const zh = await runCli(['run', file, '--env', 'prod', '--lang', 'zh-CN']);
    expect(zh.status).toBe(1);
    expect(zh.stdout).toContain('  --env prod 需要工作区，而这个场景不在工作区内（上级目录中没有 frameline-workspace.json）\n');
    const report = await runCli(['run', file, '--env', 'prod', '--reporter', 'json', '--lang', 'zh-CN']);
    const runs = (JSON.parse(report.stdout) as { runs: Record<string, unknown>[] }).runs;
    expect(runs[0]).toMatchObject({ error: '--env prod needs a workspace, and this scenario is not inside one (no frameline-workspace.json above it)' });
    expect(runs[0]).not.toHaveProperty('errorText');
  });

  it('names an environment the workspace does not have in Chinese', async () => {
    workspace = createWorkspaceFixture();
    const file = workspace.write('scenarios/ping.json', scenario);
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const status = await runRun([file, '--env', 'staging'], { stdin: new PassThrough(), stdout, stderr: new PassThrough(), isStdinTerminal: false }, createTranslate('zh-CN'), workspace.dataDirectory);
    expect(status).toBe(1);
    expect(Buffer.concat(chunks).toString('utf8')).toContain(`  ${workspace.path} 中没有环境“staging”（一个也没有）\n`);
  });
});
