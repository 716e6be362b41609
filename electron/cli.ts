import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { isatty } from 'node:tty';
import type { CliIo } from './cli/cli-io.js';
import { main } from './cli/main-command.js';

// The `frameline` entry point: everything lives in cli/, this file only wires the process in.

// Piped or redirected output goes through libuv's thread pool: process.stdout writes to a pipe
// synchronously, so a slow reader would stop the event loop and with it the session being printed.
// (isatty rather than process.stdout.isTTY: touching process.stdout would set the pipe up for it.)
const stdout: Writable = isatty(1) ? process.stdout : createWriteStream('', { fd: 1, autoClose: false, highWaterMark: 256 * 1024 });
// A reader that stops early (`frameline connect … | head`) is not an error worth a stack trace.
stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Ctrl-C or a TERM ends a command through process.exit, whose exit handlers remove the capture's
// spill files; `ui` and `listen` stop gracefully on their own.
const command = process.argv[2];
if (command !== 'ui' && command !== 'listen') {
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
}

const io: CliIo = { stdin: process.stdin, stdout, stderr: process.stderr, isStdinTerminal: process.stdin.isTTY === true };
process.exitCode = await main(process.argv.slice(2), io);
// A readline on stdin or a paused socket must not keep a finished command alive.
process.stdin.destroy();
