import type { CliIo } from './cli/cli-io.js';
import { cliLanguage } from './cli/cli-language.js';
import { main } from './cli/main-command.js';

// The `frameline` entry point: everything lives in cli/, this file only wires the process in.

// A reader that stops early (`frameline connect … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Ctrl-C or a TERM ends a command through process.exit, whose exit handlers remove the capture's
// spill files; `ui`, `listen` and `relay` stop gracefully on their own (printing what they
// recorded first; a second Ctrl-C ends them at once).
const command = cliLanguage(process.argv.slice(2), {}).argv[0];
if (command !== 'ui' && command !== 'listen' && command !== 'relay') {
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
}

const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, isStdinTerminal: process.stdin.isTTY === true, stdoutReleasesChunks: true };
process.exitCode = await main(process.argv.slice(2), io);
// A readline on stdin or a paused socket must not keep a finished command alive.
process.stdin.destroy();
