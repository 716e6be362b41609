import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import { exportCaptureFile } from '../engine/capture/export/export-capture.js';
import { defaultRedaction, noRedaction } from '../engine/capture/export/redaction-rules.js';
import { fanoutHtml } from '../engine/fanout/report-html.js';
import { runFanout, type FanoutRun } from '../engine/fanout/fanout-run.js';
import type { CliIo } from './cli-io.js';
import { parseFanoutArgs } from './fanout-args.js';
import { formatFanoutProgress, formatFanoutReport } from './fanout-text.js';

/**
 * `frameline fanout URL`: N clients, K senders × M numbered messages (or the server's broadcast),
 * every arrival matched on every receiver, figures per backend. Progress on stderr; Ctrl-C ends
 * the run with the partial report. Exit status 0 when every client opened, its protocol did not
 * fail, and it got every message once and in order; 1 otherwise.
 */
export async function runFanoutCommand(argv: readonly string[], io: CliIo, t: Translate, language: string, interrupt?: AbortSignal): Promise<number> {
  const command = parseFanoutArgs(argv);
  const interrupted = interrupt ? null : interruptSignal();
  const isTerminal = (io.stderr as { isTTY?: boolean }).isTTY === true && io.writeTerminalControl !== undefined;
  let lastLineAt = 0;
  const run = await runFanout(command.options, command.fanout, {
    signal: interrupt ?? interrupted!.signal,
    onProgress: (progress) => {
      if (isTerminal) {
        io.writeTerminalControl!('\r\x1b[K');
        io.stderr.write(formatFanoutProgress(t, progress));
      } else if (progress.elapsedMs - lastLineAt >= 5_000) {
        lastLineAt = progress.elapsedMs;
        io.stderr.write(`${formatFanoutProgress(t, progress)}\n`);
      }
    },
  });
  if (isTerminal) io.writeTerminalControl!('\r\x1b[K');
  try {
    const report = run.report;
    if (command.isJson) io.stdout.write(`${JSON.stringify(report)}\n`);
    else io.stdout.write(`${formatFanoutReport(t, report)}\n`);
    if (command.htmlFile) {
      await writeFile(command.htmlFile, await fanoutHtml(t, report, language));
      io.stderr.write(`${t('fanout:htmlWritten', { file: command.htmlFile })}\n`);
    }
    if (command.capturesDirectory) {
      const count = await writeCaptures(run, command.capturesDirectory, command.isRedacted);
      io.stderr.write(`${t('fanout:capturesWritten', { count, directory: command.capturesDirectory })}\n`);
    }
    const totals = report.totals;
    const isClean = totals.failed === 0 && totals.lost === 0 && totals.duplicated === 0 && totals.outOfOrder === 0 && report.clients.every((client) => client.failure === null);
    return report.outcome === 'finished' && isClean ? 0 : 1;
  } finally {
    interrupted?.dispose();
    run.dispose();
  }
}

/** Each attempt of each client as `client-<n>[-attempt-<k>].frameline.json`, secrets redacted unless --no-redact (as `connect --capture`). */
async function writeCaptures(run: FanoutRun, directory: string, isRedacted: boolean): Promise<number> {
  await mkdir(directory, { recursive: true });
  let count = 0;
  for (const client of run.clients) {
    for (const [index, session] of client.sessions.entries()) {
      const attempt = client.attempts - client.sessions.length + index + 1;
      await exportCaptureFile(session.capture, 'json', join(directory, `client-${client.client}${attempt > 1 ? `-attempt-${attempt}` : ''}.frameline.json`), isRedacted ? defaultRedaction : noRedaction);
      count += 1;
    }
  }
  return count;
}

/** Ctrl-C (or SIGTERM) ends the run with its partial report; `dispose` stops listening. */
function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
    },
  };
}
