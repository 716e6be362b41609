import type { Translate } from '../../shared/i18n/create-i18n.js';
import { renderMessage, type Message } from '../../shared/i18n/message.js';
import { branchTag, failureReasonLines, stepLabel, type ScenarioRunResult, type StepResult } from '../../shared/workspace/run-result.js';
import { visibleText } from '../../shared/text/visible-text.js';

/**
 * Writes a run as it goes: one line per finished step, in the order steps finish (the branches of a
 * parallel step interleave), with expected, received and reasons under a failure. Titles are in the
 * reader's language; the reports stay English.
 */
export class RunPrinter {
  private printed = new Set<number>();

  constructor(private readonly out: NodeJS.WritableStream, private readonly t: Translate) {}

  /** The heading of one scenario. */
  start(name: string, fileName: string): void {
    this.printed = new Set();
    this.out.write(`${this.t('workspace:cli.heading', { name: visibleText(name), file: fileName })}\n`);
  }

  /** Prints the steps that finished since the last call. */
  progress(steps: readonly StepResult[]): void {
    for (const [index, step] of steps.entries()) {
      if (this.printed.has(index) || step.status === 'pending' || step.status === 'running') continue;
      this.out.write(`${this.line(step)}\n`);
      this.printed.add(index);
    }
  }

  /** The scenario's verdict and where its captures went. */
  finish(result: ScenarioRunResult): void {
    this.progress(result.steps);
    for (const connection of result.connections) if (connection.captureFile) this.out.write(`${this.t('workspace:cli.capture', { alias: connection.alias, file: connection.captureFile })}\n`);
    this.out.write(`${result.isPassed ? this.t('workspace:cli.passed', { name: visibleText(result.scenario), ms: result.durationMs }) : this.t('workspace:cli.failed', { name: visibleText(result.scenario), ms: result.durationMs })}\n`);
    if (result.error) this.out.write(`  ${visibleText(result.errorText ? renderMessage(this.t, result.errorText) : result.error)}\n`);
  }

  /** A file that could not be run at all: printed, and returned as a failed result for the report. */
  failedBeforeStart(fileName: string, message: string, texts?: readonly Message[]): ScenarioRunResult {
    // The report keeps the English `message`; the reader sees each problem in their language when it has a message.
    const lines = texts ? texts.map((text) => renderMessage(this.t, text)) : message.split('\n');
    this.out.write(`${this.t('workspace:cli.notRun', { file: fileName })}\n${lines.map((line) => `  ${visibleText(line)}`).join('\n')}\n`);
    return { scenario: fileName, fileName, environment: null, startedAtMs: Date.now(), durationMs: 0, steps: [], connections: [], isPassed: false, error: message };
  }

  private line(step: StepResult): string {
    const mark = step.status === 'passed' ? 'ok  ' : step.status === 'failed' ? 'FAIL' : 'skip';
    const title = step.titleMessage ? renderMessage(this.t, step.titleMessage) : step.title;
    const head = `  ${mark} ${stepLabel(step).padEnd(6)} ${visibleText(`${branchTag(step)}${title}`)}${step.status === 'skipped' ? '' : `  (${step.durationMs} ms)`}`;
    const failure = step.failure;
    if (!failure) return head;
    const lines = [head, `         ${visibleText(failure.messageText ? renderMessage(this.t, failure.messageText) : failure.message)}`];
    if (failure.expected !== undefined) lines.push(`         ${this.t('workspace:cli.expected', { value: visibleText(failure.expectedText ? renderMessage(this.t, failure.expectedText) : failure.expected) })}`);
    if (failure.received !== undefined) lines.push(`         ${this.t('workspace:cli.received', { value: visibleText(failure.receivedText ? renderMessage(this.t, failure.receivedText) : failure.received) })}`);
    for (const reason of failureReasonLines(failure, (text) => renderMessage(this.t, text))) lines.push(`           - ${visibleText(reason)}`);
    if (failure.alias !== undefined && failure.seq !== undefined) lines.push(`         ${this.t('workspace:cli.record', { alias: failure.alias, seq: failure.seq })}`);
    return lines.join('\n');
  }
}
