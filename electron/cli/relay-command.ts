import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { RelayActionError } from '../../shared/relay/relay-action-error.js';
import { visibleText } from '../../shared/text/visible-text.js';
import { userDataDirectory } from '../app-paths.js';
import { writeCaptureFile } from '../engine/capture/native-writer.js';
import { CertificateAuthority, type CertificateAuthorityInfo } from '../engine/relay/certificate-authority.js';
import { HttpExchangeStore } from '../engine/relay/http-exchange-store.js';
import { RelayServer } from '../engine/relay/relay-server.js';
import type { RelaySession } from '../engine/relay/relay-session.js';
import type { CliIo } from './cli-io.js';
import { parseRelayArgs, type RelayCommandLine } from './relay-args.js';
import { parseRelayLine, type RelayAction } from './relay-input.js';
import { RecordPrinter } from './record-printer.js';
import { writeRelayHar } from './relay-har.js';
import { httpExchangeLine, pausedLines, relayJsonLine, relayTextLines } from './relay-lines.js';
import { UsageError } from './usage-error.js';

/**
 * `frameline relay [HOST:]PORT --to URL`: Frameline between a client and its server. Prints both
 * legs of every relayed connection as they happen, pauses at breakpoints and takes `/forward`,
 * `/edit`, `/drop`, `/inject`, `/close` lines from stdin, until interrupted (Ctrl-C) or `stop`
 * resolves. `--show-ca` prints the local CA and how to trust it.
 */
export async function runRelay(argv: readonly string[], io: CliIo, t: Translate, stop: Promise<void> = interrupted(), dataDirectory: string = userDataDirectory()): Promise<number> {
  const command = parseRelayArgs(argv);
  const caDirectory = join(dataDirectory, 'relay-ca');
  if (command.isCaOnly) {
    const authority = await CertificateAuthority.load(caDirectory);
    io.stdout.write(`${caText(authority.info, t)}\n`);
    return 0;
  }
  const server = new RelayServer({
    host: command.host,
    port: command.port,
    upstreamUrl: command.upstreamUrl,
    mode: command.mode,
    upstream: command.connection,
    interception: command.interception,
    tls: command.tls,
    caDirectory,
  });
  const sessions: RelaySession[] = [];
  const pending = new Set<Promise<void>>();
  server.onDidAccept((session) => {
    sessions.push(session);
    const done = follow(session, command, io, t).then(() => {
      // Printed and written: a long-running relay keeps nothing of a finished connection.
      sessions.splice(sessions.indexOf(session), 1);
      session.capture.dispose();
    });
    pending.add(done);
    void done.then(() => pending.delete(done));
  });
  server.onDidCreateCa((info) => io.stderr.write(`${caText(info, t)}\n`));
  // Kept for --har and for --json's body starts (the readable line has none), bounded as the window's list is.
  const exchanges = command.harFile === null && !command.isJson ? null : new HttpExchangeStore();
  server.onDidObserveHttp((exchange, removedValues) => {
    // As the window sees it: what the kept exchanges' URLs and heads lost, this one's included, blanked in its body starts.
    const [reported] = exchanges?.put(exchange, removedValues) ?? [exchange];
    if (exchange.end.kind === 'open') return;
    io.stdout.write(`${command.isJson ? JSON.stringify({ kind: 'http-exchange', ...reported }) : httpExchangeLine(exchange, t)}\n`);
  });
  let address;
  try {
    address = await server.start();
  } catch (error) {
    throw new UsageError('cli:error.cannotListen', { address: `${command.host}:${command.port}`, detail: (error as Error).message });
  }
  const started = command.upstreamUrl === null
    ? t('relay:cli.startedProxy', { proxy: address.proxyUrl, mode: command.mode })
    : t('relay:cli.started', { url: address.url, upstream: command.upstreamUrl, proxy: address.proxyUrl, mode: command.mode });
  io.stderr.write(`${started}\n`);
  const lines = readActions(sessions, io, t);
  await stop;
  lines.close();
  await server.stop();
  await Promise.all(pending);
  if (command.harFile === null || exchanges === null) return 0;
  return writeRelayHar(command.harFile, exchanges, { relayUrl: command.upstreamUrl === null ? address.proxyUrl : address.url, upstreamUrl: command.upstreamUrl }, io, t);
}

/**
 * Prints one relayed connection as `frameline connect` prints a session: through a RecordPrinter
 * (one write in flight, the capture as the buffer), so a reader that cannot keep up makes the
 * output lag, never the relay's memory grow.
 */
async function follow(session: RelaySession, command: RelayCommandLine, io: CliIo, t: Translate): Promise<void> {
  const write = (line: string): boolean => io.stdout.write(`${line}\n`);
  if (!command.isJson) write(`── ${t('relay:cli.connection', { id: session.connection, peer: session.peer, upstream: visibleText(session.upstreamUrl) })}`);
  // What the relay recorded before it told us (the accepted connection, a CONNECT), then the rest as it comes.
  const printer = new RecordPrinter(session.capture, io.stdout, command.isJson ? relayJsonLine(session.connection) : relayTextLines(t), {
    from: 0,
    // Without a capture file nothing reads a payload again once it is printed.
    releasesPrinted: command.captureFile === null,
  });
  session.onDidChangePaused((paused) => {
    // After the records before it, which the printer may still be writing.
    void printer.flushed().then(() => {
      if (command.isJson) return void write(JSON.stringify({ kind: 'paused', connection: session.connection, paused }));
      for (const message of paused) for (const line of pausedLines(message, t)) write(line);
    });
  });
  await session.ended;
  await printer.flushed();
  printer.dispose();
  if (command.captureFile) {
    const file = session.connection === 1 ? command.captureFile : command.captureFile.replace(/(\.frameline\.json|\.json)?$/, (suffix) => `-${session.connection}${suffix || ''}`);
    await writeCaptureFile(session.capture, file);
    io.stderr.write(`${t('relay:cli.captureWritten', { id: session.connection, file })}\n`);
  }
}

/** Lines from stdin act on the newest open session (or the one `/session N` chose). */
function readActions(sessions: readonly RelaySession[], io: CliIo, t: Translate): { close(): void } {
  const lines = createInterface({ input: io.stdin, terminal: false });
  let chosen: number | null = null;
  const current = (): RelaySession | undefined => {
    const open = sessions.filter((session) => session.state !== 'closed');
    return (chosen !== null ? open.find((session) => session.connection === chosen) : undefined) ?? open.at(-1);
  };
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    try {
      const action = parseRelayLine(line);
      if (action.kind === 'help') return void io.stderr.write(`${t('relay:cli.help')}\n`);
      if (action.kind === 'session') {
        chosen = action.connection;
        return;
      }
      const session = current();
      if (!session) return void io.stderr.write(`${t('relay:cli.noSession')}\n`);
      act(session, action, io, t);
    } catch (error) {
      const text = error instanceof UsageError || error instanceof RelayActionError ? renderMessage(t, error.text) : (error as Error).message;
      io.stderr.write(`frameline: ${text}\n`);
    }
  });
  return { close: () => lines.close() };
}

function act(session: RelaySession, action: Exclude<RelayAction, { kind: 'help' | 'session' }>, io: CliIo, t: Translate): void {
  switch (action.kind) {
    case 'resolve':
      return session.resolve(action.pausedId, action.resolution);
    case 'inject':
      return session.inject(action.leg, action.request);
    case 'close':
      return session.closeLeg(action.leg, action.code, action.reason);
    case 'paused': {
      const paused = session.pausedMessages();
      if (paused.length === 0) io.stderr.write(`${t('relay:cli.nothingPaused')}\n`);
      for (const message of paused) for (const line of pausedLines(message, t)) io.stderr.write(`${line}\n`);
    }
  }
}

/** Where the CA is and how to trust it; Frameline never installs it. */
export function caText(info: CertificateAuthorityInfo, t: Translate): string {
  return [
    info.isNew ? t('relay:ca.created', { path: info.certificatePath }) : t('relay:ca.existing', { path: info.certificatePath }),
    ...(info.problem ? [t('relay:ca.replaced', { problem: info.problemText ? renderMessage(t, info.problemText) : info.problem })] : []),
    t('relay:ca.details', { subject: info.subject, fingerprint: info.fingerprint256, spki: info.spkiSha256, validTo: info.validTo }),
    t('relay:ca.howToTrust', { path: info.certificatePath, spki: info.spkiSha256 }),
  ].join('\n');
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
