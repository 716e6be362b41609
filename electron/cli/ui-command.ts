import type { Translate } from '../../shared/i18n/create-i18n.js';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rendererDirectory, userDataDirectory } from '../app-paths.js';
import { FramelineEngine } from '../engine/api/engine.js';
import { installProcessGuard } from '../process-guard.js';
import { startWebHost } from '../web-host/web-host.js';
import { writeLaunchPage } from './launch-page.js';
import type { CliIo } from './cli-io.js';
import { parseCliArgs } from './parse-cli-args.js';
import { UsageError } from './usage-error.js';

/**
 * `frameline ui [--port N] [--no-open]`: the desktop UI in a browser, on loopback only. Prints a
 * one-time launch link (and a fresh one whenever it is used), opens the browser through a private
 * launch page, and runs until interrupted.
 */
export async function runUi(argv: readonly string[], io: CliIo, t: Translate, stop: Promise<void> = interrupted()): Promise<number> {
  const { values } = parseCliArgs({ args: [...argv], options: { port: { type: 'string' }, 'no-open': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    io.stdout.write(`${t('cli:usage.ui')}\n`);
    return 0;
  }
  const renderer = rendererDirectory();
  if (!existsSync(join(renderer, 'index.html'))) {
    io.stderr.write(`frameline ui: ${t('cli:ui.notBuilt')}\n`);
    return 1;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('cli:error.portNumber', { value: String(values.port) });
  const log = (line: string): void => void io.stderr.write(`${line}\n`);
  // Every live session is in this process: a failure nobody caught is logged, never fatal.
  const removeGuard = installProcessGuard(log);
  const engine = new FramelineEngine({ dataDirectory: userDataDirectory(), reportFailure: log });
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const host = await startWebHost({ engine, rendererDirectory: renderer, port, log });
    cleanups.push(() => host.close(), () => engine.dispose());
    // The printed link works once; when it is used, a fresh one is printed so the terminal always shows one that works.
    const printLink = (isFresh: boolean): void => {
      const url = host.launchUrl(() => printLink(true));
      io.stdout.write(`${isFresh ? t('cli:ui.freshUrl', { url }) : t('cli:ui.url', { url })}\n`);
    };
    printLink(false);
    if (!values['no-open']) {
      const page = await writeLaunchPage(host.launchUrl(() => void page.remove()));
      cleanups.push(() => page.remove());
      openBrowser(page.path);
    }
    await stop;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    removeGuard();
  }
  return 0;
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** Best effort: a machine without a desktop still has the printed link. The argument is a file path, never a secret. */
function openBrowser(path: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [path], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener installed: the URL above is enough.
  }
}
