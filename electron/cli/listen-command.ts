import type { Translate } from '../../shared/i18n/create-i18n.js';
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
import { parseListenArgs, type ListenCommand } from './listen-args.js';
import { RecordPrinter, type RecordFormat } from './record-printer.js';
import { ProtocolRecordFormat } from './protocol-record-format.js';
import { formatRecord } from './timeline-line.js';
import { UsageError } from './usage-error.js';

/**
 * `frameline listen [HOST:]PORT`: Frameline as the backend. Prints each upgrade request exactly as
 * it arrived, then every frame (readable lines, or JSON records with a `request` record first),
 * until interrupted (Ctrl-C) or `stop` resolves.
 */
export async function runListen(argv: readonly string[], io: CliIo, t: Translate, stop: Promise<void> = interrupted()): Promise<number> {
  const command = parseListenArgs(argv);
  const listener = new Listener({
    host: command.host,
    port: command.port,
    ...(command.tls ? { tls: command.tls } : {}),
    echo: command.echo,
    respondStatus: command.respondStatus,
    pingIntervalMs: command.pingIntervalMs,
    pongTimeoutMs: command.pongTimeoutMs,
  });
  const pending = new Set<Promise<void>>();
  const open = new Map<ListenConnection, () => number>();
  listener.onDidAccept((connection) => {
    const done = follow(connection, command, io, t, open);
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
  await stop;
  // Clients still "connected" when we stop: how long each has been silent, the dead-peer question.
  for (const [connection, silentSeconds] of open) {
    if (connection.state === 'closed' || !connection.request) continue;
    io.stderr.write(`${t('cli:listen.stillConnected', { id: connection.request.connection, seconds: silentSeconds().toFixed(1) })}\n`);
    if (command.pingIntervalMs === 0 || command.pongTimeoutMs === 0) io.stderr.write(`  ${t('cli:listen.noHeartbeat')}\n`);
  }
  await listener.stop();
  await Promise.all(pending);
  return 0;
}

async function follow(connection: ListenConnection, command: ListenCommand, io: CliIo, t: Translate, open: Map<ListenConnection, () => number>): Promise<void> {
  // When the client was last heard (a frame it sent, or the upgrade), in the connection's clock.
  let lastHeardMicros = 0;
  open.set(connection, () => (connection.clock.nowMicros() - lastHeardMicros) / 1e6);
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
  const printer = new RecordPrinter(capture, io.stdout, protocolFormat?.format ?? format);
  await connection.ended;
  await printer.flushed();
  printer.dispose();
  protocolFormat?.dispose();
  open.delete(connection);
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
  if (command.isJson) return [JSON.stringify({ ...recordJson(record), connection: connection.request?.connection })];
  if (record.kind === 'event' && record.name === 'closed' && connection.request) {
    return [...formatRecord(record, t), `${' '.repeat(15)}${t('cli:listen.lastHeard', { id: connection.request.connection, seconds: ((record.atMicros - lastHeardMicros) / 1e6).toFixed(2) })}`];
  }
  if (record.kind === 'handshake') {
    const response = record.response;
    return response ? [`${' '.repeat(15)}< HTTP/${response.httpVersion} ${response.statusCode} ${visibleText(response.reason)}`] : [];
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
