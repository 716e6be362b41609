import type { Translate } from '../../shared/i18n/create-i18n.js';
import { visibleText } from '../../shared/text/visible-text.js';
import { writeCaptureFile } from '../engine/capture/native-writer.js';
import type { ListenConnection } from '../engine/listen/listen-connection.js';
import type { ListenRequestRecord } from '../engine/listen/listen-request.js';
import { Listener } from '../engine/listen/listener.js';
import { ProtocolLayer } from '../engine/protocol/protocol-layer.js';
import type { CliIo } from './cli-io.js';
import { parseListenArgs, type ListenCommand } from './listen-args.js';
import { formatProtocolLines } from './protocol-lines.js';
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
  const write = (line: string): boolean => io.stdout.write(`${line}\n`);
  // When the client was last heard (a frame it sent, or the upgrade), in the connection's clock.
  let lastHeardMicros = 0;
  open.set(connection, () => (connection.clock.nowMicros() - lastHeardMicros) / 1e6);
  if (command.protocol !== 'none') printProtocol(connection, command, write, t);
  connection.onDidReceiveRequest((request) => {
    if (command.isJson) write(JSON.stringify(request));
    else for (const line of formatRequest(t, request)) write(line);
  });
  connection.capture.onDidAppend((seq) => {
    const record = connection.capture.getRecordJson(seq);
    if ((record.kind === 'frame' && record.direction === 'out') || record.kind === 'handshake') lastHeardMicros = record.atMicros;
    if (record.kind === 'event' && record.name === 'closed' && !command.isJson && connection.request) {
      for (const line of formatRecord(record, t)) write(line);
      write(`${' '.repeat(15)}${t('cli:listen.lastHeard', { id: connection.request.connection, seconds: ((record.atMicros - lastHeardMicros) / 1e6).toFixed(2) })}`);
      return;
    }
    if (command.isJson) return void write(JSON.stringify({ ...record, connection: connection.request?.connection }));
    if (record.kind === 'handshake') {
      const response = record.response;
      if (response) write(`${' '.repeat(15)}< HTTP/${response.httpVersion} ${response.statusCode} ${visibleText(response.reason)}`);
      return;
    }
    if (record.kind === 'event' && record.name === 'tcp-connected') return;
    for (const line of formatRecord(record, t)) write(line);
  });
  await connection.ended;
  open.delete(connection);
  if (command.captureFile && connection.request) {
    const id = connection.request.connection;
    const file = id === 1 ? command.captureFile : command.captureFile.replace(/(\.frameline\.json|\.json)?$/, (suffix) => `-${id}${suffix || ''}`);
    await writeCaptureFile(connection.capture, file);
    io.stderr.write(`${t('cli:listen.captureWritten', { id, file })}\n`);
  }
}

function formatRequest(t: Translate, request: ListenRequestRecord): string[] {
  const lines = [`── ${t('cli:listen.connection', { id: request.connection, peer: `${visibleText(request.peer.address)}:${request.peer.port}` })}`, `${' '.repeat(15)}> ${visibleText(request.requestLine)}`];
  for (const [name, value] of request.headers) lines.push(`${' '.repeat(15)}> ${visibleText(name)}: ${visibleText(value)}`);
  return lines;
}

/**
 * `--protocol`: the connection's messages read as that protocol (Frameline is the server here, so
 * it keeps no duties). A message is decoded right after its last frame was printed, so its lines
 * follow that frame; with --json each is a `{"kind":"protocol",…}` line, as `connect` prints late ones.
 */
function printProtocol(connection: ListenConnection, command: ListenCommand, write: (line: string) => void, t: Translate): void {
  const layer = new ProtocolLayer(connection.capture, { choice: command.protocol, hasDuties: false, isDutiesEnabled: false });
  connection.onDidCompleteMessage((message) => layer.receive(message));
  connection.onDidChangeState((state) => state === 'open' && layer.prepare());
  let announced = false;
  layer.onDidDecode((messages) => {
    for (const message of messages) {
      const { linkedFrom: _later, ...json } = layer.messageJson(message);
      const frame = { protocol: message.protocol, messages: [json] };
      if (command.isJson) {
        write(JSON.stringify({ kind: 'protocol', connection: connection.request?.connection, seq: message.seqs.at(-1) ?? 0, protocol: frame }));
        continue;
      }
      const summary = layer.summary();
      if (!announced && summary.displayName !== null) {
        announced = true;
        write(`${' '.repeat(17)}≡ ${t('protocols:cli.detected', { name: summary.displayName, reason: summary.reason ?? '' })}`);
      }
      for (const line of formatProtocolLines(frame, t)) write(line);
    }
  });
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
