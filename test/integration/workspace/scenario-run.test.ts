import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requirePeer } from '../../harness/require-peer.js';
import { junitSchemaErrors } from '../../harness/junit-schemas.js';
import { startPythonPubsub } from '../../harness/python-pubsub.js';
import { createWorkspaceFixture, localEnvironment, orderScenario, shopConnection, type WorkspaceFixture } from '../../harness/workspace-fixture.js';
import { startWsPubsub } from '../../harness/ws-pubsub-server.js';
import { runCli } from '../cli/run-cli.js';

const python = requirePeer('python-websockets');

const password = 's3cret';
const apiKey = 'key-7f3a9c21d0e4b5a6-SECRET';

let fixture: WorkspaceFixture | null = null;
afterEach(() => {
  fixture?.root.remove();
  fixture = null;
});

/** The workspace with the order scenario, the port filled in, and the secrets in a --secrets file outside it. */
function shopWorkspace(port: number): { fixture: WorkspaceFixture; scenario: string; secrets: string; captures: string } {
  fixture = createWorkspaceFixture();
  fixture.write('connections/shop.json', shopConnection);
  fixture.write('environments/local.json', localEnvironment(port));
  const scenario = fixture.write('scenarios/order-flow.json', orderScenario);
  const secrets = fixture.root.file('ci-secrets.json');
  writeFileSync(secrets, JSON.stringify({ password, apiKey }));
  return { fixture, scenario, secrets, captures: fixture.root.file('runs') };
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** No byte of any file under `directory` spells a secret. */
function expectNoSecrets(directory: string): void {
  for (const file of filesUnder(directory)) {
    const bytes = readFileSync(file);
    for (const secret of [password, apiKey]) expect(bytes.includes(Buffer.from(secret)), `${file} holds a secret`).toBe(false);
  }
}

describe('frameline run against the ws server', () => {
  it('logs in, subscribes, captures the pushed order id and acknowledges it; JUnit validates; captures kept without secrets', async () => {
    const server = await startWsPubsub({ password });
    const { fixture: workspace, scenario, secrets, captures } = shopWorkspace(server.port);
    const report = workspace.root.file('report.xml');
    try {
      const run = await runCli(['run', scenario, '--env', 'local', '--secrets', secrets, '--reporter', 'junit', '--output', report, '--captures', captures]);
      expect(run.status, `${run.stdout}\n${run.stderr}\n${server.logs()}`).toBe(0);
      expect(run.stdout).toContain('PASSED Order flow');
      expect(run.stdout).toContain('10 passed, 0 failed, 0 skipped');
      const sent = server.sent().get(1) as { op: string; data?: { orderId: string }; orderId?: string }[];
      const pushed = sent.find((message) => message.op === 'event')!;
      expect(sent.at(-1)).toEqual({ op: 'acked', orderId: pushed.data!.orderId });
      const headers = server.headers().get(1)!;
      expect(headers.find(([name]) => name === 'X-Client')?.[1]).toMatch(/^frameline-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(headers.find(([name]) => name === 'X-Api-Key')?.[1]).toBe(apiKey);
      const xml = readFileSync(report, 'utf8');
      expect(xml).toContain('tests="10" failures="0" errors="0"');
      expect(await junitSchemaErrors(xml, 'jenkins')).toEqual([]);
      expect(await junitSchemaErrors(xml, 'ant')).toEqual([]);
      const captureFiles = filesUnder(captures);
      expect(captureFiles.map((file) => file.split('/').pop())).toEqual(['main.frameline.json']);
      const capture = JSON.parse(readFileSync(captureFiles[0]!, 'utf8')) as { records: { kind: string; direction?: string }[] };
      expect(capture.records.filter((record) => record.kind === 'frame' && record.direction === 'in').length).toBeGreaterThanOrEqual(sent.length);
      expectNoSecrets(captures);
      expectNoSecrets(workspace.path);
    } finally {
      await server.stop();
    }
  });

  it('reports a failed expectation with expected, received and the reason, skips the rest, exits 1, and JUnit carries the failure', async () => {
    const server = await startWsPubsub({ password });
    const { fixture: workspace, secrets, captures } = shopWorkspace(server.port);
    const failing = { ...orderScenario, name: 'Wrong price', steps: orderScenario.steps.map((step) => (step.name === 'order pushed' ? { ...step, json: { '$.op': 'event', '$.data.price': 40 }, timeoutMs: 1500 } : step)) };
    const scenario = workspace.write('scenarios/wrong-price.json', failing);
    const report = workspace.root.file('report.xml');
    try {
      const run = await runCli(['run', scenario, '--secrets', secrets, '--reporter', 'junit', '--output', report, '--captures', captures]);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('FAIL 6      order pushed');
      expect(run.stdout).toContain('expected: $.op = "event", $.data.price = 40');
      expect(run.stdout).toMatch(/received: \{"op":"event","topic":"orders","data":\{"orderId":"ord-[0-9a-f]{6}","price":42\.5\}\}/);
      expect(run.stdout).toContain('- $.data.price: expected 40, got 42.5');
      expect(run.stdout).toMatch(/see record #\d+ of main/);
      expect(run.stdout).toContain('5 passed, 1 failed, 4 skipped');
      const xml = readFileSync(report, 'utf8');
      expect(xml).toContain('<failure type="expect" message="nothing matched within 1500 ms">');
      expect(xml).toContain('$.data.price: expected 40, got 42.5');
      expect(await junitSchemaErrors(xml, 'jenkins')).toEqual([]);
      expect(filesUnder(captures)).toHaveLength(1);
      expectNoSecrets(captures);
    } finally {
      await server.stop();
    }
  });

  it('in Chinese (--lang zh-CN): the expected line of a failed expectation is worded in Chinese; the JSON report keeps the English', async () => {
    const server = await startWsPubsub({ password });
    const { fixture: workspace, secrets } = shopWorkspace(server.port);
    const failing = { ...orderScenario, name: 'Wrong price', steps: orderScenario.steps.map((step) => (step.name === 'order pushed' ? { ...step, contains: 'orders', json: { '$.data.price': 40 }, timeoutMs: 1500 } : step)) };
    const scenario = workspace.write('scenarios/wrong-price.json', failing);
    try {
      const run = await runCli(['run', scenario, '--secrets', secrets, '--no-captures', '--lang', 'zh-CN']);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('期望：包含 "orders"，$.data.price = 40');
      expect(run.stdout).toContain('- $.data.price：应为 40，实际为 42.5');
      expect(run.stdout).not.toContain('expected 40, got');
      const json = await runCli(['run', scenario, '--secrets', secrets, '--no-captures', '--lang', 'zh-CN', '--reporter', 'json']);
      expect(json.stdout).toContain('"expected": "containing \\"orders\\", $.data.price = 40"');
      expect(json.stdout).toContain('"$.data.price: expected 40, got 42.5"');
    } finally {
      await server.stop();
    }
  });

  it('names the file, the step and the field of a scenario that does not validate, and runs nothing', async () => {
    const { fixture: workspace, secrets } = shopWorkspace(1);
    const broken = workspace.write('scenarios/broken.json', { ...orderScenario, steps: [orderScenario.steps[0], { step: 'expect', timeoutMs: 'soon' }, { step: 'repeat', times: 2, steps: [{ step: 'send' , text: 'a', hex: '00' }] }] });
    const run = await runCli(['run', broken, '--secrets', secrets, '--no-captures']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('scenarios/broken.json: step 2 (expect), field timeoutMs: expected a number');
    expect(run.stdout).toContain('scenarios/broken.json: step 3.1 (send), field message: a send step has exactly one of "message", "text", "json", "hex" or "base64"');
  });

  it('in Chinese (--lang zh-CN): a close step that saw the connection still open says so in Chinese; the JSON report keeps the English', async () => {
    const server = await startWsPubsub({ password });
    const { fixture: workspace, secrets } = shopWorkspace(server.port);
    const closing = { ...orderScenario, name: 'Closes', steps: [orderScenario.steps[0], { step: 'expect-close', code: 1000, timeoutMs: 300 }] };
    const scenario = workspace.write('scenarios/closes.json', closing);
    try {
      const run = await runCli(['run', scenario, '--secrets', secrets, '--no-captures', '--lang', 'zh-CN']);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('300 ms 后连接仍然打开');
      expect(run.stdout).toContain('期望：以 1000 关闭');
      expect(run.stdout).toContain('收到：已连接');
      const json = await runCli(['run', scenario, '--secrets', secrets, '--no-captures', '--lang', 'zh-CN', '--reporter', 'json']);
      expect(json.stdout).toContain('"expected": "close 1000"');
      expect(json.stdout).toContain('"received": "open"');
    } finally {
      await server.stop();
    }
  });

  it('in Chinese (--lang zh-CN): a scenario that does not validate names the step and field in Chinese, the field path and values as written', async () => {
    const { fixture: workspace, secrets } = shopWorkspace(1);
    const broken = workspace.write('scenarios/broken.json', { ...orderScenario, steps: [orderScenario.steps[0], { step: 'expect', timeoutMs: 'soon' }, { step: 'repeat', times: 2, steps: [{ step: 'send' , text: 'a', hex: '00' }] }] });
    const run = await runCli(['run', broken, '--secrets', secrets, '--no-captures', '--lang', 'zh-CN']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('scenarios/broken.json：第 2 步（expect），字段 timeoutMs：应为数字');
    expect(run.stdout).toContain('scenarios/broken.json：第 3.1 步（send），字段 message：send 步骤必须恰好包含 "message"、"text"、"json"、"hex" 或 "base64" 中的一个');
  });

  it('stops before dialling when a variable has no value, naming it', async () => {
    const { fixture: workspace, scenario } = shopWorkspace(1);
    const run = await runCli(['run', scenario, '--no-captures']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('not connected: {{apiKey}} in header X-Api-Key has no value');
    void workspace;
  });

  it('in Chinese (--lang zh-CN): the failed step says which variable has no value, in Chinese; the JSON report keeps the English', async () => {
    const { fixture: workspace, scenario } = shopWorkspace(1);
    const run = await runCli(['run', scenario, '--no-captures', '--lang', 'zh-CN']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('未连接：header X-Api-Key 中的 {{apiKey}} 没有值');
    expect(run.stdout).not.toContain('has no value');
    const json = await runCli(['run', scenario, '--no-captures', '--lang', 'zh-CN', '--reporter', 'json']);
    expect(json.stdout).toContain('"message": "not connected: {{apiKey}} in header X-Api-Key has no value"');
    void workspace;
  });
});

describe.skipIf(!python.isAvailable)('frameline run against python3-websockets', () => {
  it('runs the same scenario file to a pass, TAP and JSON reports included', async () => {
    const server = await startPythonPubsub({ password });
    const { scenario, secrets, captures } = shopWorkspace(server.port);
    try {
      const tap = await runCli(['run', scenario, '--secrets', secrets, '--reporter', 'tap', '--captures', captures]);
      expect(tap.status, `${tap.stdout}\n${tap.stderr}\n${server.logs()}`).toBe(0);
      expect(tap.stdout).toMatch(/^TAP version 13\n1\.\.10\n/);
      expect(tap.stdout).toContain('ok 6 - 6 order pushed');
      expect(tap.stderr).toContain('PASSED Order flow');
      const json = await runCli(['run', scenario, '--secrets', secrets, '--reporter', 'json', '--no-captures']);
      const report = JSON.parse(json.stdout) as { isPassed: boolean; totals: { passed: number }; runs: { environment: string }[] };
      expect(report.isPassed).toBe(true);
      expect(report.totals.passed).toBe(10);
      expect(report.runs[0]!.environment).toBe('local');
      const acks = [...server.sent().values()].map((messages) => (messages as { op: string }[]).at(-1)?.op);
      expect(acks).toEqual(['acked', 'acked']);
      expectNoSecrets(captures);
    } finally {
      await server.stop();
    }
  });
});
