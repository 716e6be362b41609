import { createRequire } from 'node:module';
import { errorText } from '../../shared/i18n/message-error.js';
import { tmpdir } from 'node:os';
import { sweepStaleSpillFolders } from '../engine/capture/spill-registry.js';
import { runConformance } from './conformance-command.js';
import { runConnect } from './connect-command.js';
import { runDiagnose } from './diagnose-command.js';
import { runFanoutCommand } from './fanout-command.js';
import { runListen } from './listen-command.js';
import { runRelay } from './relay-command.js';
import { runConvert } from './convert-command.js';
import { runRun } from './run-command.js';
import { runUi } from './ui-command.js';
import type { CliIo } from './cli-io.js';
import { visibleText } from '../../shared/text/visible-text.js';
import { guardTerminalIo } from './terminal-guard.js';
import { UsageError } from './usage-error.js';
import { cliLanguage } from './cli-language.js';
import { createTranslate } from '../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../shared/i18n/message.js';

/**
 * Runs the `frameline` command line; resolves with the exit status. Every message is in the
 * language of `--lang`, else LC_ALL / LC_MESSAGES / LANG (cli-language.ts); `--json` never is.
 */
export async function main(argv: readonly string[], unguardedIo: CliIo, env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const io = guardTerminalIo(unguardedIo);
  const chosen = cliLanguage(argv, env);
  const t = createTranslate(chosen.language);
  const [command, ...rest] = chosen.argv;
  const isHelp = rest.includes('--help') || rest.includes('-h');
  // Spill files a crashed earlier run left behind; running processes' own are never touched.
  void sweepStaleSpillFolders(tmpdir());
  try {
    switch (command) {
      case 'connect':
        if (isHelp) return print(io, t('cli:usage.connect'));
        return await runConnect(rest, io, t);
      case 'convert':
        if (isHelp) return print(io, t('cli:usage.convert'));
        return await runConvert(rest, io, t);
      case 'diagnose':
        if (isHelp) return print(io, t('cli:usage.diagnose'));
        return await runDiagnose(rest, io, t);
      case 'fanout':
        if (isHelp) return print(io, t('fanout:usage'));
        return await runFanoutCommand(rest, io, t, chosen.language);
      case 'listen':
        if (isHelp) return print(io, t('cli:usage.listen'));
        return await runListen(rest, io, t);
      case 'relay':
        if (isHelp) return print(io, t('relay:cli.usage'));
        return await runRelay(rest, io, t);
      case 'run':
        if (isHelp) return print(io, t('workspace:cli.usage'));
        return await runRun(rest, io, t);
      case 'conformance':
        if (isHelp) return print(io, t('conformance:cli.usage'));
        return await runConformance(rest, io, t, chosen.language);
      case 'ui':
        if (isHelp) return print(io, t('cli:usage.ui'));
        return await runUi(rest, io, t);
      case '--version':
      case '-v':
        return print(io, version());
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        return print(io, t('cli:usage.main'));
      default:
        throw new UsageError('cli:error.unknownCommand', { command });
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`frameline: ${visibleText(renderMessage(t, error.text))}\n`);
      return 2;
    }
    // An engine error worded as a message (a missing environment, a read-only session): one line in
    // the reader's language rather than a stack trace.
    const text = errorText(error);
    if (text) {
      io.stderr.write(`frameline: ${visibleText(renderMessage(t, text))}\n`);
      return 1;
    }
    throw error;
  }
}

function print(io: CliIo, text: string): number {
  io.stdout.write(`${text}\n`);
  return 0;
}


/** The version in package.json (two folders up from both the source and the bundle). */
function version(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
