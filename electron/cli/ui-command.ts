import type { Translate } from '../../shared/i18n/create-i18n.js';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultExportDirectory, rendererDirectory, userDataDirectory } from '../app-paths.js';
import { FramelineEngine } from '../engine/api/engine.js';
import { startWebHost } from '../web-host/web-host.js';
import type { CliIo } from './cli-io.js';
import { parseCliArgs } from './parse-cli-args.js';
import { UsageError } from './usage-error.js';

/**
 * `frameline ui [--port N] [--no-open]`: the desktop UI in a browser, on loopback only. Prints one
 * line with the URL (token included) and runs until interrupted.
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
  const engine = new FramelineEngine({ dataDirectory: userDataDirectory(), exportDirectory: defaultExportDirectory() });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('cli:error.portNumber', { value: String(values.port) });
  const host = await startWebHost({ engine, rendererDirectory: renderer, port });
  io.stdout.write(`${t('cli:ui.url', { url: host.url })}\n`);
  if (!values['no-open']) openBrowser(host.url);
  await stop;
  await engine.dispose();
  await host.close();
  return 0;
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** Best effort: a machine without a desktop still has the printed URL. */
function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener installed: the URL above is enough.
  }
}
