import type { CliIo } from './cli/cli-io.js';
import { main } from './cli/main-command.js';

// The `frameline` entry point: everything lives in cli/, this file only wires the process in.
// A reader that stops early (`frameline connect … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, isStdinTerminal: process.stdin.isTTY === true };
process.exitCode = await main(process.argv.slice(2), io);
// A readline on stdin or a paused socket must not keep a finished command alive.
process.stdin.destroy();
