import { branchTag, stepLabel, type ScenarioRunResult } from '../run-result.js';

/**
 * TAP version 13: one test point per executed step (a parallel branch's steps tagged `[name]`), a
 * YAML block with expected, received and the reasons under a failed one, `# SKIP` for steps after a failure. Several scenarios are
 * numbered as one plan.
 */
export function tapReport(results: readonly ScenarioRunResult[]): string {
  const lines = ['TAP version 13'];
  let number = 0;
  const points: string[] = [];
  for (const result of results) {
    points.push(`# ${oneLine(result.scenario)} (${result.fileName}${result.environment ? `, environment ${result.environment}` : ''})`);
    if (result.error !== undefined && result.steps.length === 0) {
      points.push(`not ok ${++number} - ${oneLine(result.scenario)}`, '  ---', `  message: ${yamlString(result.error)}`, '  ...');
      continue;
    }
    for (const step of result.steps) {
      const title = `${stepLabel(step)} ${oneLine(`${branchTag(step)}${step.title}`)}`;
      if (step.status === 'passed') points.push(`ok ${++number} - ${title}`);
      else if (step.status === 'failed') {
        points.push(`not ok ${++number} - ${title}`, '  ---', `  message: ${yamlString(step.failure?.message ?? 'failed')}`);
        if (step.failure?.expected !== undefined) points.push(`  expected: ${yamlString(step.failure.expected)}`);
        if (step.failure?.received !== undefined) points.push(`  received: ${yamlString(step.failure.received)}`);
        if (step.failure?.reasons?.length) points.push('  reasons:', ...step.failure.reasons.map((reason) => `    - ${yamlString(reason)}`));
        points.push(`  duration_ms: ${step.durationMs}`, '  ...');
      } else points.push(`ok ${++number} - ${title} # SKIP an earlier step failed`);
    }
  }
  lines.push(`1..${number}`, ...points, '');
  return lines.join('\n');
}

/** Test point descriptions are one line, and `#` would start a directive. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/#/g, '\\#');
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
function yamlString(text: string): string {
  return JSON.stringify(text);
}
