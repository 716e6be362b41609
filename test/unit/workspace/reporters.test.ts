import { describe, expect, it } from 'vitest';
import { jsonReport } from '../../../shared/workspace/reporters/json-report.js';
import { junitReport } from '../../../shared/workspace/reporters/junit-report.js';
import { tapReport } from '../../../shared/workspace/reporters/tap-report.js';
import type { ScenarioRunResult } from '../../../shared/workspace/run-result.js';
import { junitSchemaErrors } from '../../harness/junit-schemas.js';

const failed: ScenarioRunResult = {
  scenario: 'Order <flow> & "more"', fileName: 'scenarios/order.json', environment: 'staging', startedAtMs: Date.UTC(2026, 0, 2, 3, 4, 5, 678), durationMs: 1234, isPassed: false,
  connections: [{ alias: 'main', url: 'ws://127.0.0.1:1/', captureFile: 'runs/main.frameline.json' }],
  steps: [
    { path: '1', iterations: [], kind: 'connect', title: 'connect to shop', status: 'passed', durationMs: 12 },
    { path: '2.1', iterations: [2], kind: 'expect', title: 'order # pushed', status: 'failed', durationMs: 1000, failure: { message: 'nothing matched within 1000 ms', expected: '$.price = 40', received: '{"price":42.5}\u0001', reasons: ['$.price: expected 40, got 42.5'], alias: 'main', seq: 7 } },
    { path: '3', iterations: [], kind: 'disconnect', title: 'disconnect 1000', status: 'skipped', durationMs: 0 },
  ],
};
const passed: ScenarioRunResult = { ...failed, scenario: 'ok', isPassed: true, steps: [failed.steps[0]!] };
const chat: ScenarioRunResult = {
  scenario: 'Two clients chat', fileName: 'scenarios/chat.json', environment: null, startedAtMs: Date.UTC(2026, 0, 2, 3, 4, 5), durationMs: 900, isPassed: false,
  connections: [{ alias: 'alice', url: 'ws://127.0.0.1:1/' }, { alias: 'bob', url: 'ws://127.0.0.1:1/' }],
  steps: [
    { path: '1', iterations: [], kind: 'connect', title: 'connect alice to chat', titleMessage: { key: 'workspace:step.connectAs', values: { alias: 'alice', target: 'chat' } }, status: 'passed', durationMs: 5 },
    { path: '2.1.1', iterations: [], branch: { path: '2.1', name: 'alice' }, kind: 'send', title: 'send "hi" on alice', status: 'passed', durationMs: 1 },
    { path: '2.1.2', iterations: [], branch: { path: '2.1', name: 'alice' }, kind: 'expect', title: 'expect containing "hi alice" on alice', status: 'passed', durationMs: 20 },
    { path: '2.2.1', iterations: [], branch: { path: '2.2', name: 'bob smith' }, kind: 'expect', title: 'expect containing "never" on bob', status: 'failed', durationMs: 800, failure: { message: 'nothing matched within 800 ms', expected: 'containing "never"', alias: 'bob', seq: 4 } },
    { path: '2.2.2', iterations: [], branch: { path: '2.2', name: 'bob smith' }, kind: 'send', title: 'send "bye" on bob', status: 'skipped', durationMs: 0 },
    { path: '3', iterations: [], kind: 'disconnect', title: 'disconnect 1000 on alice', status: 'skipped', durationMs: 0 },
  ],
};

describe('reporters', () => {
  it('write JUnit that libxml2 accepts under the Jenkins schema, and under Ant’s when nothing was skipped', async () => {
    const failing = junitReport([failed, passed], { hostname: 'ci-runner' });
    expect(await junitSchemaErrors(failing, 'jenkins')).toEqual([]);
    expect(failing).toContain('<testsuite name="Order &lt;flow&gt; &amp; &quot;more&quot;" package="frameline" id="0" timestamp="2026-01-02T03:04:05" hostname="ci-runner" tests="3" failures="1" errors="0" skipped="1" time="1.234">');
    expect(failing).toContain('<failure type="expect" message="nothing matched within 1000 ms">nothing matched within 1000 ms&#10;expected: $.price = 40&#10;received: {&quot;price&quot;:42.5}\uFFFD&#10;  - $.price: expected 40, got 42.5</failure>');
    expect(await junitSchemaErrors(junitReport([passed], { hostname: 'h' }), 'ant')).toEqual([]);
    expect((await junitSchemaErrors(failing.replace('<testsuites>', '<testsuites><bogus/>'), 'jenkins')).length).toBeGreaterThan(0);
  });

  it('write TAP 13 with a YAML block under a failure and SKIP after it', () => {
    expect(tapReport([failed])).toBe([
      'TAP version 13',
      '1..3',
      '# Order <flow> & "more" (scenarios/order.json, environment staging)',
      'ok 1 - 1 connect to shop',
      'not ok 2 - 2.1 #2 order \\# pushed',
      '  ---',
      '  message: "nothing matched within 1000 ms"',
      '  expected: "$.price = 40"',
      '  received: "{\\"price\\":42.5}\\u0001"',
      '  reasons:',
      '    - "$.price: expected 40, got 42.5"',
      '  duration_ms: 1000',
      '  ...',
      'ok 3 - 3 disconnect 1000 # SKIP an earlier step failed',
      '',
    ].join('\n'));
  });

  it('write JSON with totals', () => {
    expect(JSON.parse(jsonReport([failed, passed]))).toMatchObject({ format: 'frameline-run-report', version: 1, isPassed: false, totals: { passed: 2, failed: 1, skipped: 1 } });
  });

  it('show the branches of a parallel step: tagged test names, a class per branch, the branch in JSON without the window’s title messages', async () => {
    const xml = junitReport([chat], { hostname: 'ci-runner' });
    expect(await junitSchemaErrors(xml, 'jenkins')).toEqual([]);
    expect(xml).toContain('<testcase name="2.1.1 [alice] send &quot;hi&quot; on alice" classname="frameline.Two_clients_chat.alice" time="0.001"/>');
    expect(xml).toContain('<testcase name="2.2.1 [bob smith] expect containing &quot;never&quot; on bob" classname="frameline.Two_clients_chat.bob_smith" time="0.800">');
    expect(xml).toContain('<testcase name="3 disconnect 1000 on alice" classname="frameline.Two_clients_chat" time="0.000">');
    const tap = tapReport([chat]).split('\n');
    expect(tap.filter((line) => /^(not )?ok /.test(line))).toEqual([
      'ok 1 - 1 connect alice to chat',
      'ok 2 - 2.1.1 [alice] send "hi" on alice',
      'ok 3 - 2.1.2 [alice] expect containing "hi alice" on alice',
      'not ok 4 - 2.2.1 [bob smith] expect containing "never" on bob',
      'ok 5 - 2.2.2 [bob smith] send "bye" on bob # SKIP an earlier step failed',
      'ok 6 - 3 disconnect 1000 on alice # SKIP an earlier step failed',
    ]);
    const json = JSON.parse(jsonReport([chat])) as { runs: { steps: Record<string, unknown>[] }[] };
    expect(json.runs[0]!.steps[3]).toMatchObject({ path: '2.2.1', branch: { path: '2.2', name: 'bob smith' }, status: 'failed' });
    expect(json.runs[0]!.steps.some((step) => 'titleMessage' in step)).toBe(false);
  });
});
