import type { Translate } from '../../shared/i18n/create-i18n.js';
import type { DoctorProgress, ProbeResult } from '../../shared/contract/doctor-report.js';
import { createTranslate } from '../../shared/i18n/create-i18n.js';
import { sourceLanguage } from '../../shared/i18n/languages.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { visibleText } from '../../shared/text/visible-text.js';
import { runDoctor } from '../engine/doctor/path-doctor.js';
import { runPathTest } from '../engine/doctor/path-test.js';
import type { CliIo } from './cli-io.js';
import { parseDiagnoseArgs } from './diagnose-args.js';
import { formatConclusion, formatHeading, formatProbe } from './diagnose-text.js';
import { reportJson } from './report-json.js';

/**
 * `frameline diagnose URL`: the Path Doctor's probes printed as they finish, then the verdict,
 * causes with evidence and fixes, in the reader's language (or one JSON object with --json, always
 * in English). With `--through URL --listen PORT` it runs the path test instead, its steps printed
 * as they finish too. Exit status 0 when no cause was found, 1 otherwise.
 */
export async function runDiagnose(argv: readonly string[], io: CliIo, t: Translate): Promise<number> {
  const command = parseDiagnoseArgs(argv);
  const isTerminal = (io.stderr as { isTTY?: boolean }).isTTY === true;
  const progress = progressPrinter(io, t, isTerminal, command.isJson);
  if (!command.isJson) io.stdout.write(formatHeading(t, command.options.url, command.listen !== null));
  const onProbe = command.isJson ? undefined : (probe: ProbeResult): void => {
    progress.clear();
    io.stdout.write(`${formatProbe(t, probe)}\n`);
  };
  const report = command.listen
    ? await runPathTest(command.options, {
        listen: command.listen,
        idleLimitMs: command.isIdleProbeEnabled ? command.idleLimitMs : null,
        onProgress: progress.show,
        ...(onProbe ? { onProbe } : {}),
        onListening: (address) => progress.note(t('cli:diagnose.listening', { address: `${address.host}:${address.port}`, url: command.options.url })),
      })
    : await runDoctor(command.options, {
        idleLimitMs: command.idleLimitMs,
        isIdleProbeEnabled: command.isIdleProbeEnabled,
        largeMessageBytes: command.largeMessageBytes,
        isLivenessProbeEnabled: command.isLivenessProbeEnabled,
        ...(command.livenessLimitMs !== null ? { livenessLimitMs: command.livenessLimitMs } : {}),
        livenessProtocol: command.livenessProtocol,
        onProgress: progress.show,
        ...(onProbe ? { onProbe } : {}),
      });
  progress.clear();
  if (command.isJson) io.stdout.write(`${JSON.stringify(reportJson(createTranslate(sourceLanguage), report))}\n`);
  else io.stdout.write(`${formatConclusion(t, report)}\n`);
  return report.causes.length === 0 && report.probes.every((probe) => probe.status !== 'fail') ? 0 : 1;
}

interface ProgressPrinter {
  show(progress: DoctorProgress): void;
  note(text: string): void;
  clear(): void;
}

/** Progress on stderr: one rewritten line on a terminal; otherwise a line every 10 s of idle waiting. */
function progressPrinter(io: CliIo, t: Translate, isTerminal: boolean, isJson: boolean): ProgressPrinter {
  let isLineOpen = false;
  const control = io.writeTerminalControl;
  const clear = (): void => {
    if (isLineOpen) control?.('\r\x1b[K');
    isLineOpen = false;
  };
  const line = (progress: DoctorProgress): string => `… ${progress.probe}: ${visibleText(renderMessage(t, progress.message))}`;
  return {
    show: (progress) => {
      if (isTerminal && control) {
        control('\r\x1b[K');
        io.stderr.write(line(progress));
        isLineOpen = true;
      } else if (!isJson && progress.waitedSeconds !== undefined && progress.waitedSeconds > 0 && progress.waitedSeconds % 10 === 0) {
        io.stderr.write(`${line(progress)}\n`);
      }
    },
    note: (text) => {
      clear();
      io.stderr.write(`${text}\n`);
    },
    clear,
  };
}
