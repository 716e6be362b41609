import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { junitSchemaErrors } from '../../harness/junit-schemas.js';
import { startPythonChat } from '../../harness/python-chat.js';
import { requirePeer } from '../../harness/require-peer.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { chatScenario } from '../../harness/workspace-fixture.js';
import { startWsChat } from '../../harness/ws-chat-server.js';
import { runCli } from '../cli/run-cli.js';

const python = requirePeer('python-websockets');

let temp: TempDir | null = null;
afterEach(() => {
  temp?.remove();
  temp = null;
});

/** The scenario written to a file outside any workspace (its port comes from --var). */
function scenarioFile(scenario: unknown): string {
  temp = createTempDir('parallel-scenario');
  const file = temp.file('chat.json');
  writeFileSync(file, `${JSON.stringify(scenario, null, 2)}\n`);
  return file;
}

/** Both branches wait at a step the other must answer, then fail on their own. */
const bothBranchesFail = {
  ...chatScenario,
  name: 'Both wait in vain',
  steps: [
    chatScenario.steps[0],
    chatScenario.steps[1],
    {
      step: 'parallel',
      branches: [
        { name: 'alice', steps: [{ step: 'send', on: 'alice', text: 'hi bob' }, { step: 'expect', on: 'alice', json: { '$.text': 'hi alice' } }, { step: 'expect', on: 'alice', contains: 'never-a', timeoutMs: 1200 }, { step: 'send', on: 'alice', text: 'not sent' }] },
        { name: 'bob', steps: [{ step: 'expect', on: 'bob', json: { '$.text': 'hi bob' } }, { step: 'send', on: 'bob', text: 'hi alice' }, { step: 'expect', on: 'bob', contains: 'never-b', timeoutMs: 1200 }] },
      ],
    },
    { step: 'disconnect', on: 'alice' },
  ],
};

describe('parallel branches: two clients chatting through the ws server', () => {
  it('each branch waits for the other’s message, so the run passes only with both running at once; the room received their lines interleaved', async () => {
    const room = await startWsChat();
    const file = scenarioFile(chatScenario);
    try {
      const run = await runCli(['run', file, '--var', `port=${room.port}`, '--reporter', 'json', '--no-captures']);
      expect(run.status, `${run.stdout}\n${run.stderr}\n${room.logs()}`).toBe(0);
      expect(room.received()).toEqual(['alice: hi bob', 'bob: hi alice', 'alice: how are you?', 'bob: fine', 'alice: bob said hi alice']);
      const report = JSON.parse(run.stdout) as { totals: Record<string, number>; runs: { steps: { path: string; branch?: { path: string; name: string }; status: string }[] }[] };
      expect(report.totals).toEqual({ passed: 14, failed: 0, skipped: 0 });
      expect(report.runs[0]!.steps.map((step) => [step.path, step.branch?.name ?? null])).toEqual([
        ['1', null], ['2', null],
        ['3.1.1', 'alice'], ['3.1.2', 'alice'], ['3.1.3', 'alice'], ['3.1.4', 'alice'],
        ['3.2.1', 'bob'], ['3.2.2', 'bob'], ['3.2.3', 'bob'], ['3.2.4', 'bob'],
        ['4', null], ['5', null], ['6', null], ['7', null],
      ]);
      // The progress lines on stderr come in the order steps finished: the branches interleave.
      const finished = run.stderr.split('\n').flatMap((line) => /^ {2}ok {3}(3\.\d\.\d)/.exec(line)?.[1] ?? []);
      expect(finished.slice(0, 3)).toEqual(['3.1.1', '3.2.1', '3.2.2']);
    } finally {
      await room.stop();
    }
  });

  it('reports a failure in each branch on its own, skips the rest of each branch and of the scenario, and JUnit and TAP show the branches', async () => {
    const room = await startWsChat();
    const file = scenarioFile(bothBranchesFail);
    const report = temp!.file('report.xml');
    try {
      const run = await runCli(['run', file, '--var', `port=${room.port}`, '--reporter', 'junit', '--output', report, '--no-captures']);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('FAIL 3.1.3  [alice] expect containing "never-a" on alice');
      expect(run.stdout).toContain('FAIL 3.2.3  [bob] expect containing "never-b" on bob');
      expect(run.stdout).toContain('skip 3.1.4  [alice] send "not sent" on alice');
      expect(run.stdout).toContain('skip 4      disconnect 1000 on alice');
      expect(run.stdout).toContain('6 passed, 2 failed, 2 skipped');
      expect(room.received()).toEqual(['alice: hi bob', 'bob: hi alice']);
      const xml = readFileSync(report, 'utf8');
      expect(await junitSchemaErrors(xml, 'jenkins')).toEqual([]);
      expect(xml).toContain('tests="10" failures="2" errors="0" skipped="2"');
      expect(xml).toMatch(/<testcase name="3\.1\.3 \[alice\] expect containing &quot;never-a&quot; on alice" classname="frameline\.Both_wait_in_vain\.alice" time="[\d.]+">\n {6}<failure type="expect" message="nothing matched within 1200 ms/);
      expect(xml).toMatch(/<testcase name="3\.2\.3 \[bob\] expect containing &quot;never-b&quot; on bob" classname="frameline\.Both_wait_in_vain\.bob" time="[\d.]+">\n {6}<failure /);
      const tap = await runCli(['run', file, '--var', `port=${room.port}`, '--reporter', 'tap', '--no-captures']);
      expect(tap.stdout).toContain('not ok 5 - 3.1.3 [alice] expect containing "never-a" on alice');
      expect(tap.stdout).toContain('not ok 9 - 3.2.3 [bob] expect containing "never-b" on bob');
    } finally {
      await room.stop();
    }
  });

  it('prints step titles in the reader’s language while the report keeps them in English', async () => {
    const room = await startWsChat();
    const file = scenarioFile(chatScenario);
    try {
      const run = await runCli(['run', file, '--var', `port=${room.port}`, '--reporter', 'json', '--no-captures', '--lang', 'zh-CN']);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/3\.1\.1 {2}\[alice\] alice：发送 "hi bob"/);
      expect(run.stderr).toMatch(/3\.2\.1 {2}\[bob\] bob：期望 \$\.from = "alice"，\$\.text = "hi bob"/);
      const report = JSON.parse(run.stdout) as { runs: { steps: { title: string }[] }[] };
      expect(report.runs[0]!.steps[6]!.title).toBe('expect $.from = "alice", $.text = "hi bob" on bob');
    } finally {
      await room.stop();
    }
  });

  it('refuses two branches that share a connection before anything is dialled', async () => {
    const shared = {
      ...chatScenario,
      steps: [chatScenario.steps[0], { step: 'parallel', branches: [{ steps: [{ step: 'send', on: 'alice', text: 'hi' }] }, { steps: [{ step: 'wait', ms: 1 }, { step: 'send', on: 'alice', text: 'me too' }] }] }],
    };
    const run = await runCli(['run', scenarioFile(shared), '--var', 'port=1', '--no-captures']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('step 2.2 (branch), field steps: branches 1 and 2 both use the connection "alice"');
  });
});

describe.skipIf(!python.isAvailable)('parallel branches: two clients chatting through python3-websockets', () => {
  it('runs the same chat to a pass', async () => {
    const room = await startPythonChat();
    const file = scenarioFile(chatScenario);
    try {
      const run = await runCli(['run', file, '--var', `port=${room.port}`, '--no-captures']);
      expect(run.status, `${run.stdout}\n${room.logs()}`).toBe(0);
      expect(run.stdout).toContain('14 passed, 0 failed, 0 skipped');
      expect(room.received()).toEqual(['alice: hi bob', 'bob: hi alice', 'alice: how are you?', 'bob: fine', 'alice: bob said hi alice']);
    } finally {
      await room.stop();
    }
  });
});
