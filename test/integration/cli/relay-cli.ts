import { PassThrough } from 'node:stream';
import { runRelay } from '../../../electron/cli/relay-command.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';

/** A `frameline relay` running in this process: what it printed, a stdin to type into, and its stop. */
export interface CliRelay {
  type(line: string): void;
  stdout(): string;
  stderr(): string;
  waitForOut(pattern: RegExp): Promise<string>;
  stop(): Promise<number>;
}

/** `frameline relay` in this process, with stdin the test writes to and stdout it reads. */
export async function startCliRelay(argv: string[], dataDirectory: string, language: 'en' | 'zh-CN' = 'en'): Promise<CliRelay> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const running = runRelay(argv, { stdin, stdout, stderr, isStdinTerminal: false }, createTranslate(language), stopped, dataDirectory);
  const waitFor = async (pattern: RegExp, where: () => string, timeoutMs = 10_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(where())) {
      if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${where()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return where();
  };
  await waitFor(/Ctrl-C|Ctrl-C/, () => err);
  return {
    type: (line: string) => stdin.write(`${line}\n`),
    stdout: () => out,
    stderr: () => err,
    waitForOut: (pattern: RegExp) => waitFor(pattern, () => out),
    stop: async () => {
      stop();
      return running;
    },
  };
}
