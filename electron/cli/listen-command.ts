import { createInterface } from 'node:readline';
import { SendRefusedError } from '../../shared/connection/send-refused-error.js';
import type { SendRequest } from '../../shared/contract/api-send.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { visibleText } from '../../shared/text/visible-text.js';
import type { CapturedRecord } from '../engine/capture/captured-record.js';
import { writeCaptureFile } from '../engine/capture/native-writer.js';
import { recordJson } from '../engine/capture/record-json.js';
import { directionOf, kindOf } from '../engine/capture/record-flags.js';
import type { ListenConnection } from '../engine/listen/listen-connection.js';
import type { ListenRequestRecord } from '../engine/listen/listen-request.js';
import { Listener } from '../engine/listen/listener.js';
import { ProtocolLayer } from '../engine/protocol/protocol-layer.js';
import type { CliIo } from './cli-io.js';
import { parseInteractiveLine } from './interactive-input.js';
import { parseListenArgs, type ListenCommand } from './listen-args.js';
import { RecordPrinter, type RecordFormat } from './record-printer.js';
import { ProtocolRecordFormat } from './protocol-record-format.js';
import { formatRecord } from './timeline-line.js';
import { UsageError } from './usage-error.js';

/**
 * `frameline listen [HOST:]PORT`: Frameline as the backend. Prints each upgrade request exactly as
 * it arrived, then every frame (readable lines, or JSON records of every connection from seq 0),
 * until interrupted (Ctrl-C), `/quit` on stdin, or `stop` resolves. It can answer as a server
 * would: subprotocols and permessage-deflate accepted, scripted messages and a close sent to each
 * client, and with `--interactive` whatever is typed sent to the most recent open connection.
 */
export async function runListen(argv: readonly string[], io: CliIo, t: Translate, stop: Promise<void> = interrupted()): Promise<number> {
  const command = parseListenArgs(argv);
  const listener = new Listener({
    host: command.host,
    port: command.port,
    ...(command.tls ? { tls: command.tls } : {}),
    echo: command.echo,
    respondStatus: command.respondStatus,
    subprotocols: command.subprotocols,
    isDeflateAccepted: command.isDeflateAccepted,
    pingIntervalMs: command.pingIntervalMs,
    pongTimeoutMs: command.pongTimeoutMs,
  });
  const pending = new Set<Promise<void>>();
  const open = new OpenConnections(t);
  const silence = new Map<ListenConnection, () => number>();
  listener.onDidAccept((connection) => {
    open.watch(connection, command, io);
    const done = follow(connection, command, io, t, silence);
    pending.add(done);
    void done.then(() => pending.delete(done));
  });
  let address;
  try {
    address = await listener.start();
  } catch (error) {
    throw new UsageError('cli:error.cannotListen', { address: `${command.host}:${command.port}`, detail: (error as Error).message });
  }
  const mode = command.respondStatus !== null ? t('cli:listen.modeRespond', { status: command.respondStatus }) : command.echo ? t('cli:listen.modeEcho') : t('cli:listen.modeRecord');
  io.stderr.write(`${t('cli:listen.listening', { url: address.url, mode })}\n`);
  if (command.pingIntervalMs > 0) io.stderr.write(`${t(command.pongTimeoutMs > 0 ? 'cli:listen.heartbeat' : 'cli:listen.heartbeatNoTimeout', { interval: command.pingIntervalMs / 1000, timeout: command.pongTimeoutMs / 1000 })}\n`);
  const quit = command.isInteractive ? readLines(open, io, t) : new Promise<void>(() => undefined);
  await Promise.race([stop, quit]);
  // Clients still "connected" when we stop: how long each has been silent, the dead-peer question.
  for (const [connection, silentSeconds] of silence) {
    if (connection.state === 'closed' || !connection.request) continue;
    io.stderr.write(`${t('cli:listen.stillConnected', { id: connection.request.connection, seconds: silentSeconds().toFixed(1) })}\n`);
    if (command.pingIntervalMs === 0 || command.pongTimeoutMs === 0) io.stderr.write(`  ${t('cli:listen.noHeartbeat')}\n`);
  }
  await listener.stop();
  await Promise.all(pending);
  return 0;
}

/** Stops and restarts reading input, so lines that wait for a connection stay bounded. */
interface InputFlow {
  pause(): void;
  resume(): void;
}

/**
 * The connections that can be sent to, most recent last. Each one gets the scripted messages (and
 * the scripted close) when it opens; typed lines go to the most recent one still open, and wait
 * for the next one when none is (reading input pauses meanwhile).
 */
class OpenConnections {
  private readonly connections: ListenConnection[] = [];
  private readonly waiting: SendRequest[] = [];
  private input: InputFlow | null = null;

  constructor(private readonly t: Translate) {}

  /** Where to apply back-pressure while lines wait. */
  readFrom(input: InputFlow): void {
    this.input = input;
  }

  watch(connection: ListenConnection, command: ListenCommand, io: CliIo): void {
    const off = connection.onDidChangeState((state) => {
      if (state === 'open') {
        this.connections.push(connection);
        for (const request of command.script) send(connection, request, io, this.t);
        for (const request of this.waiting.splice(0)) send(connection, request, io, this.t);
        this.input?.resume();
        if (command.close) connection.close(command.close.code, command.close.reason);
      }
      if (state === 'closing' || state === 'closed') {
        const index = this.connections.indexOf(connection);
        if (index !== -1) this.connections.splice(index, 1);
      }
      if (state === 'closed') off();
    });
  }

  /** Sends to the most recent open connection; false when there is none (the request then waits). */
  send(request: SendRequest, io: CliIo): boolean {
    const latest = this.connections[this.connections.length - 1];
    if (latest) {
      send(latest, request, io, this.t);
      return true;
    }
    this.waiting.push(request);
    this.input?.pause();
    return false;
  }

  /** True while lines wait for a connection. */
  get isWaiting(): boolean {
    return this.waiting.length > 0;
  }
}

/** Typed or piped lines, until end of input or /quit. */
async function readLines(open: OpenConnections, io: CliIo, t: Translate): Promise<void> {
  if (io.isStdinTerminal) io.stderr.write(`${t('cli:listen.interactive')}\n`);
  const lines = createInterface({ input: io.stdin, terminal: false });
  open.readFrom(lines);
  return new Promise((resolve) => {
    lines.on('line', (line) => {
      try {
        const action = parseInteractiveLine(line, 'server');
        if (action.kind === 'help') io.stderr.write(`${t('cli:interactive.help')}\n`);
        else if (action.kind === 'quit') resolve();
        else {
          const wasWaiting = open.isWaiting;
          if (!open.send(action.request, io) && !wasWaiting) io.stderr.write(`${t('cli:listen.waiting')}\n`);
        }
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        io.stderr.write(`${renderMessage(t, error.text)}\n`);
      }
    });
    // End of input is not a reason to stop listening: only /quit is.
    lines.on('close', () => undefined);
  });
}

function send(connection: ListenConnection, request: SendRequest, io: CliIo, t: Translate): void {
  try {
    connection.send(request);
  } catch (error) {
    if (!(error instanceof SendRefusedError)) throw error;
    io.stderr.write(`${renderMessage(t, error.text)}\n`);
  }
}

async function follow(connection: ListenConnection, command: ListenCommand, io: CliIo, t: Translate, silence: Map<ListenConnection, () => number>): Promise<void> {
  // When the client was last heard (a frame it sent, or the upgrade), in the connection's clock.
  let lastHeardMicros = 0;
  silence.set(connection, () => (connection.clock.nowMicros() - lastHeardMicros) / 1e6);
  connection.onDidReceiveRequest((request) => {
    const lines = command.isJson ? [JSON.stringify(request)] : formatRequest(t, request);
    io.stdout.write(lines.map((line) => `${line}\n`).join(''));
  });
  const capture = connection.capture;
  capture.onDidAppend((seq) => {
    const flags = capture.flagsAt(seq);
    const kind = kindOf(flags);
    if (kind === 'handshake' || (kind === 'frame' && directionOf(flags) === 'out')) lastHeardMicros = capture.getRecord(seq).atMicros;
  });
  const format: RecordFormat = (out, record) => {
    for (const line of listenLines(record, connection, command, t, lastHeardMicros)) {
      out.utf8(line);
      out.utf8('\n');
    }
  };
  const protocolFormat = command.protocol === 'none' ? null : new ProtocolRecordFormat(listenedLayer(connection, command), format, command.isJson, { kind: 'own-record', extra: () => ({ connection: connection.request?.connection }) }, io.stdout, t);
  // From seq 0: the connection recorded its first event (tcp-connected) before anyone could subscribe.
  // Without a capture file nothing reads a payload again once it is printed.
  const printer = new RecordPrinter(capture, io.stdout, protocolFormat?.format ?? format, { from: 0, releasesPrinted: command.captureFile === null });
  await connection.ended;
  await printer.flushed();
  printer.dispose();
  protocolFormat?.dispose();
  silence.delete(connection);
  if (command.captureFile && connection.request) {
    const id = connection.request.connection;
    const file = id === 1 ? command.captureFile : command.captureFile.replace(/(\.frameline\.json|\.json)?$/, (suffix) => `-${id}${suffix || ''}`);
    await writeCaptureFile(connection.capture, file);
    io.stderr.write(`${t('cli:listen.captureWritten', { id, file })}\n`);
  }
  // Printed and written: nothing reads this capture again, so its spill file goes now.
  connection.capture.dispose();
}

// A listened connection's records: JSON with the connection number, or the timeline without the request already printed.
function listenLines(record: CapturedRecord, connection: ListenConnection, command: ListenCommand, t: Translate, lastHeardMicros: number): string[] {
  if (command.isJson) return [JSON.stringify({ ...recordJson(record), connection: connection.id })];
  if (record.kind === 'event' && record.name === 'closed' && connection.request) {
    return [...formatRecord(record, t), `${' '.repeat(15)}${t('cli:listen.lastHeard', { id: connection.request.connection, seconds: ((record.atMicros - lastHeardMicros) / 1e6).toFixed(2) })}`];
  }
  if (record.kind === 'handshake') {
    const response = record.response;
    if (!response) return [];
    // What this server agreed to: the subprotocol and extensions it chose, to check against the offer.
    const agreed = response.headers.filter(([name]) => /^sec-websocket-(protocol|extensions)$/i.test(name)).map(([name, value]) => `${' '.repeat(15)}< ${visibleText(name)}: ${visibleText(value)}`);
    return [`${' '.repeat(15)}< HTTP/${response.httpVersion} ${response.statusCode} ${visibleText(response.reason)}`, ...agreed];
  }
  if (record.kind === 'event' && record.name === 'tcp-connected') return [];
  return formatRecord(record, t);
}

function formatRequest(t: Translate, request: ListenRequestRecord): string[] {
  const lines = [`── ${t('cli:listen.connection', { id: request.connection, peer: `${visibleText(request.peer.address)}:${request.peer.port}` })}`, `${' '.repeat(15)}> ${visibleText(request.requestLine)}`];
  for (const [name, value] of request.headers) lines.push(`${' '.repeat(15)}> ${visibleText(name)}: ${visibleText(value)}`);
  return lines;
}

/** `--protocol`: a connection's messages read as that protocol; Frameline is the server here, so the layer only decodes (no duties). */
function listenedLayer(connection: ListenConnection, command: ListenCommand): ProtocolLayer {
  const layer = new ProtocolLayer(connection.capture, { choice: command.protocol, hasDuties: false, isDutiesEnabled: false });
  connection.onDidCompleteMessage((message) => layer.receive(message));
  connection.onDidChangeState((state) => state === 'open' && layer.prepare());
  return layer;
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
