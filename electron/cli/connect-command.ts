import type { Translate } from '../../shared/i18n/create-i18n.js';
import { createInterface } from 'node:readline';
import { violationMessage } from '../../shared/protocol/violation-catalog.js';
import { visibleText } from '../../shared/text/visible-text.js';
import { exportCaptureFile, formatFromFileName } from '../engine/capture/export/export-capture.js';
import { defaultRedaction, noRedaction } from '../engine/capture/export/redaction-rules.js';
import type { ClosedDetails } from '../../shared/connection/closed-details.js';
import { SendRefusedError } from '../../shared/connection/send-refused-error.js';
import { Session } from '../engine/session/session.js';
import { parseConnectArgs, type ConnectCommand } from './connect-args.js';
import type { CliIo } from './cli-io.js';
import { parseInteractiveLine } from './interactive-input.js';
import { errorText } from '../../shared/i18n/message-error.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { closedByKeys } from '../../shared/doctor/names.js';
import { answerTo } from '../engine/protocol/answer-to.js';
import { liveProtocolLayer } from '../engine/protocol/live-protocol-layer.js';
import type { ProtocolLayer } from '../engine/protocol/protocol-layer.js';
import { resolveProtocolStep } from './protocol-script.js';
import type { ProtocolStep } from './protocol-script.js';
import type { ProtocolMessage } from '../../shared/app-protocol/protocol-message.js';
import { jsonRecordLine, textRecordLines } from './record-formats.js';
import { RecordPrinter } from './record-printer.js';
import { printInflatePauses } from './inflate-pause-lines.js';
import { ProtocolRecordFormat } from './protocol-record-format.js';
import { UsageError } from './usage-error.js';

/** Without --wait, a session lingers this long after its last message for answers before closing. */
const defaultLingerMs = 1_000;

/**
 * `frameline connect URL`: one session, its records printed as they happen (readable lines, or
 * one JSON record per line with --json). Exit status 0 only when the session opened and ended
 * with a closing handshake; otherwise 1 and one line on stderr saying why.
 */
export async function runConnect(argv: readonly string[], io: CliIo, t: Translate): Promise<number> {
  const command = parseConnectArgs(argv);
  // Messages come only after start(), by which time the layer exists.
  const session = new Session('cli', command.options, command.budgets, { onMessage: (message) => layer.receive(message), isMessageWanted: () => layer.isReceivingMessages });
  const layer = liveProtocolLayer(session);
  session.onDidChangeState((state) => {
    if (state === 'open') layer.prepare();
    if (state === 'closed') layer.dispose();
  });
  const protocolFormat = new ProtocolRecordFormat(layer, command.isJson ? jsonRecordLine : textRecordLines(t), command.isJson, { kind: 'on-frame' }, io.stdout, t);
  const printer = new RecordPrinter(session.capture, io.stdout, protocolFormat.format, {
    reusesChunks: io.stdoutReleasesChunks === true,
    // Without a capture file nothing reads a record again once it is printed.
    releasesPrinted: command.captureFile === null,
  });
  const stopPauseLines = printInflatePauses(session, io.stderr, t);
  await session.start();
  if (session.state !== 'closed') await drive(session, layer, command, io, t);
  const closed = await session.ended;
  stopPauseLines();
  // Output may lag behind a flood: every record is printed before the command ends.
  await printer.flushed();
  printer.dispose();
  protocolFormat.dispose();
  if (command.captureFile) await exportCaptureFile(session.capture, formatFromFileName(command.captureFile), command.captureFile, command.isRedacted ? defaultRedaction : noRedaction);
  const status = exitStatus(session, closed, io, t);
  // The session is over: its capture's spill file goes now, not at some later exit.
  session.capture.dispose();
  return status;
}

async function drive(session: Session, layer: ProtocolLayer, command: ConnectCommand, io: CliIo, t: Translate): Promise<void> {
  for (const step of command.script) {
    if (step.type !== 'protocol') send(session, () => step, io, t);
    else {
      const sent = sendProtocol(session, layer, step, command, io, t);
      // A server may drop what comes before its answer to the opening message (Socket.IO closes on an event for a namespace not yet connected).
      if (step.action === 'connect' && sent.length > 0) await answerTo(layer, session, sent, answerTimeoutMs);
    }
  }
  const isScripted = command.script.length > 0 || command.waitMs !== null;
  // Piped input always follows the scripted messages; a terminal is for interactive sessions only.
  if (!isScripted || !io.isStdinTerminal) await readLines(session, io, t);
  await Promise.race([delay(command.waitMs ?? defaultLingerMs), session.ended]);
  if (session.state === 'open') session.close(command.close.code, command.close.reason);
}

/** Interactive (a terminal) or piped lines, until end of input, /quit, or the session ends. */
async function readLines(session: Session, io: CliIo, t: Translate): Promise<void> {
  const isTerminal = io.isStdinTerminal;
  if (isTerminal) io.stderr.write(`${t('cli:connect.interactive')}\n`);
  const lines = createInterface({ input: io.stdin, terminal: false });
  const quit = new Promise<void>((resolve) => {
    lines.on('close', resolve);
    void session.ended.then(() => lines.close());
  });
  lines.on('line', (line) => {
    if (session.state === 'closed') return;
    try {
      const action = parseInteractiveLine(line);
      if (action.kind === 'help') io.stderr.write(`${t('cli:interactive.help')}\n`);
      else if (action.kind === 'quit') lines.close();
      else send(session, () => action.request, io, t);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`${renderMessage(t, error.text)}\n`);
    }
  });
  await quit;
}

function send(session: Session, request: () => Parameters<Session['send']>[0], io: CliIo, t: Translate): void {
  try {
    session.send(request());
  } catch (error) {
    if (!(error instanceof SendRefusedError)) throw error;
    io.stderr.write(`${renderMessage(t, error.text)}\n`);
  }
}

/** Sends one protocol step of the script and returns the protocol messages it wrote; a step that cannot be sent says why on stderr and the script goes on. */
function sendProtocol(session: Session, layer: ProtocolLayer, step: ProtocolStep, command: ConnectCommand, io: CliIo, t: Translate): readonly ProtocolMessage[] {
  const input = resolveProtocolStep(step, layer.protocolId, layer.summary().facts, command.protocolSettings);
  if (input === null) return [];
  if ('problem' in input) {
    io.stderr.write(`${t('protocols:cli.cannotSend', { problem: input.problem })}\n`);
    return [];
  }
  try {
    return layer.send(input).messages;
  } catch (error) {
    // A refused send (the session is closing) or input the encoder cannot write: said, and the script goes on.
    if (!(error instanceof Error)) throw error;
    const refused = errorText(error);
    io.stderr.write(`${t('protocols:cli.cannotSend', { problem: refused ? renderMessage(t, refused) : error.message })}\n`);
    return [];
  }
}

/** How long the script waits for the server's answer to the protocol's opening message. */
const answerTimeoutMs = 10_000;

function exitStatus(session: Session, closed: ClosedDetails, io: CliIo, t: Translate): number {
  const isOpened = session.capture.header.handshake?.response?.statusCode === 101;
  if (closed.how === 'close-frame' && isOpened && closed.message === undefined) return 0;
  if (session.failure) {
    io.stderr.write(`${t('cli:connect.strictFailed', { failure: visibleText(renderMessage(t, violationMessage(session.failure))) })}\n`);
    return 1;
  }
  // Before the 101 the message is the failure in words; after it, a bare socket error such as
  // "read ECONNRESET" would hide who ended the session and how.
  io.stderr.write(`${isOpened || closed.message === undefined ? describeEnd(t, closed) : visibleText(failureLine(t, closed))}\n`);
  return 1;
}

function describeEnd(t: Translate, closed: ClosedDetails): string {
  const code = closed.closeCode !== undefined ? ` ${closed.closeCode}${closed.closeReason ? ` ${visibleText(closed.closeReason)}` : ''}` : '';
  const message = closed.message ? `: ${visibleText(closed.message)}` : '';
  return t('cli:connect.endedWithoutClose', { by: t(closedByKeys[closed.by]), how: `${closed.how}${code}${message}` });
}

/** Why the session never opened, in the reader's language when the failure was worded as a message. */
function failureLine(t: Translate, closed: ClosedDetails): string {
  return closed.i18n ? renderMessage(t, closed.i18n.message) : String(closed.message);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
