import type { DoctorProgress } from '../../shared/contract/doctor-report.js';
import { visibleText } from '../../shared/text/visible-text.js';
import { runDoctor } from '../engine/doctor/path-doctor.js';
import { runPathTest } from '../engine/doctor/path-test.js';
import type { CliIo } from './cli-io.js';
import { parseDiagnoseArgs } from './diagnose-args.js';
import { formatConclusion, formatHeading, formatProbe, reportJson } from './diagnose-text.js';

/**
 * `frameline diagnose URL`: the Path Doctor's probes printed as they finish, then the verdict,
 * causes with evidence and fixes (or one JSON object with --json). With `--through URL --listen
 * PORT` it runs the path test instead. Exit status 0 when no cause was found, 1 otherwise.
 */
export async function runDiagnose(argv: readonly string[], io: CliIo): Promise<number> {
  const command = parseDiagnoseArgs(argv);
  const isTerminal = (io.stderr as { isTTY?: boolean }).isTTY === true;
  const progress = progressPrinter(io, isTerminal, command.isJson);
  if (!command.isJson) io.stdout.write(formatHeading(command.options.url, command.listen !== null));
  const onProbe = command.isJson ? undefined : (probe: Parameters<typeof formatProbe>[0]): void => {
    progress.clear();
    io.stdout.write(`${formatProbe(probe)}\n`);
  };
  const report = command.listen
    ? await runPathTest(command.options, {
        listen: command.listen,
        idleLimitMs: command.isIdleProbeEnabled ? command.idleLimitMs : null,
        onProgress: progress.show,
        onListening: (address) => progress.note(`listening on ${address.host}:${address.port} (echo on); the proxy at ${command.options.url} should forward to it`),
      })
    : await runDoctor(command.options, {
        idleLimitMs: command.idleLimitMs,
        isIdleProbeEnabled: command.isIdleProbeEnabled,
        largeMessageBytes: command.largeMessageBytes,
        onProgress: progress.show,
        ...(onProbe ? { onProbe } : {}),
      });
  progress.clear();
  if (command.isJson) io.stdout.write(`${JSON.stringify(reportJson(report))}\n`);
  else {
    if (command.listen) for (const probe of report.probes) io.stdout.write(`${formatProbe(probe)}\n`);
    io.stdout.write(`${formatConclusion(report)}\n`);
  }
  return report.causes.length === 0 && report.probes.every((probe) => probe.status !== 'fail') ? 0 : 1;
}

interface ProgressPrinter {
  show(progress: DoctorProgress): void;
  note(message: string): void;
  clear(): void;
}

/** Progress on stderr: one rewritten line on a terminal; otherwise a line every 10 s of idle waiting. */
function progressPrinter(io: CliIo, isTerminal: boolean, isJson: boolean): ProgressPrinter {
  let isLineOpen = false;
  const control = io.writeTerminalControl;
  const clear = (): void => {
    if (isLineOpen) control?.('\r\x1b[K');
    isLineOpen = false;
  };
  return {
    show: (progress) => {
      if (isTerminal && control) {
        control('\r\x1b[K');
        io.stderr.write(`… ${progress.probe}: ${visibleText(progress.message)}`);
        isLineOpen = true;
      } else if (!isJson && progress.waitedSeconds !== undefined && progress.waitedSeconds > 0 && progress.waitedSeconds % 10 === 0) {
        io.stderr.write(`… ${progress.probe}: ${visibleText(progress.message)}\n`);
      }
    },
    note: (message) => {
      clear();
      io.stderr.write(`${message}\n`);
    },
    clear,
  };
}
