import { branchTag, countSteps, stepLabel, type ScenarioRunResult, type StepResult } from '../run-result.js';

/** What a JUnit report needs besides the run: the machine's name (shared/ cannot ask the OS). */
export interface JunitContext {
  readonly hostname: string;
}

/**
 * JUnit XML for CI: one `testsuite` per scenario, one `testcase` per executed step, `failure` with
 * expected and received for a failed one, `skipped` for steps after it; the steps of a parallel
 * branch carry its name (`3.2.1 [bob] …`) and have the branch as their class. It carries every attribute
 * both the Jenkins JUnit schema and Apache Ant's JUnit schema require (timestamp without zone,
 * hostname, package, id, properties, system-out, system-err), so either validator accepts it; Ant's
 * has no `skipped`, so only runs that skipped nothing also satisfy that one.
 */
export function junitReport(results: readonly ScenarioRunResult[], context: JunitContext): string {
  // Totals live on each testsuite: Ant's schema allows no attributes on testsuites.
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    ...results.flatMap((result, index) => suite(result, index, context)),
    '</testsuites>',
    '',
  ];
  return lines.join('\n');
}

function suite(result: ScenarioRunResult, index: number, context: JunitContext): string[] {
  const counts = countSteps(result);
  const isError = result.error !== undefined && result.steps.length === 0;
  const attributes = [
    ['name', result.scenario],
    ['package', 'frameline'],
    ['id', String(index)],
    ['timestamp', new Date(result.startedAtMs).toISOString().slice(0, 19)],
    ['hostname', context.hostname || 'localhost'],
    ['tests', String(Math.max(result.steps.length, 1))],
    ['failures', String(counts.failed)],
    ['errors', isError ? '1' : '0'],
    // Jenkins reads a skipped count; Ant's schema has none, so it is written only when something was skipped.
    ...(counts.skipped > 0 ? [['skipped', String(counts.skipped)]] : []),
    ['time', seconds(result.durationMs)],
  ];
  const properties = [
    ['file', result.fileName],
    ['environment', result.environment ?? ''],
    ...result.connections.flatMap((connection) => (connection.captureFile ? [[`capture.${connection.alias}`, connection.captureFile]] : [])),
  ];
  const cases = isError
    ? [`    <testcase name="${escape(result.scenario)}" classname="${escape(classname(result))}" time="0">`, `      <error type="scenario" message="${escape(result.error ?? '')}">${escape(result.error ?? '')}</error>`, '    </testcase>']
    : result.steps.flatMap((step) => testcase(result, step));
  return [
    `  <testsuite ${attributes.map(([name, value]) => `${name}="${escape(value ?? '')}"`).join(' ')}>`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${escape(name ?? '')}" value="${escape(value ?? '')}"/>`),
    '    </properties>',
    ...cases,
    `    <system-out>${escape(result.connections.map((connection) => `${connection.alias}: ${connection.url}${connection.captureFile ? ` → ${connection.captureFile}` : ''}`).join('\n'))}</system-out>`,
    `    <system-err>${escape(result.error ?? '')}</system-err>`,
    '  </testsuite>',
  ];
}

function testcase(result: ScenarioRunResult, step: StepResult): string[] {
  // A branch of a parallel step is its own class, so CI tools group each branch's steps together.
  const className = step.branch === undefined ? classname(result) : `${classname(result)}.${step.branch.name.replace(/\s+/g, '_')}`;
  const open = `    <testcase name="${escape(`${stepLabel(step)} ${branchTag(step)}${step.title}`)}" classname="${escape(className)}" time="${seconds(step.durationMs)}"`;
  if (step.status === 'failed' && step.failure) {
    const failure = step.failure;
    const body = [failure.message, failure.expected !== undefined ? `expected: ${failure.expected}` : null, failure.received !== undefined ? `received: ${failure.received}` : null, ...(failure.reasons ?? []).map((reason) => `  - ${reason}`)]
      .filter((line) => line !== null)
      .join('\n');
    return [`${open}>`, `      <failure type="${escape(step.kind)}" message="${escape(failure.message)}">${escape(body)}</failure>`, '    </testcase>'];
  }
  if (step.status === 'skipped' || step.status === 'pending' || step.status === 'running') return [`${open}>`, '      <skipped/>', '    </testcase>'];
  return [`${open}/>`];
}

function classname(result: ScenarioRunResult): string {
  return `frameline.${result.scenario.replace(/\s+/g, '_')}`;
}

function seconds(ms: number): string {
  return (Math.max(ms, 0) / 1000).toFixed(3);
}

/** XML 1.0 escaping (line breaks kept in attributes as character references); characters XML 1.0 cannot carry become U+FFFD. */
function escape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
