import type { PausedMessageInfo } from '../../shared/contract/api-relay.js';
import type { HttpExchange } from '../../shared/contract/relay-http-exchange.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { httpExchangeAnswerMessage, httpExchangeEndMessage, httpExchangeProblemMessage } from '../../shared/relay/http-exchange-text.js';
import type { RelayLeg } from '../../shared/contract/records.js';
import { asciiBytes } from '../engine/capture/byte-output.js';
import type { CapturedFrame, CapturedRecord } from '../engine/capture/captured-record.js';
import { recordJson } from '../engine/capture/record-json.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';
import { opcodeName } from '../../shared/protocol/opcode.js';
import { visibleText } from '../../shared/text/visible-text.js';
import type { RecordFormat } from './record-printer.js';
import { formatRecord } from './timeline-line.js';

/** The four legs in a column four wide: the same in every language (C client, R relay, S server). */
const legArrows = { client: { out: 'C→R', in: 'R→C' }, server: { out: 'R→S', in: 'S→R' } } as const;
// formatRecord starts every line with the time (13 characters) and a space.
const timeWidth = 14;

/**
 * One relay record as terminal lines: frames with their leg (`C→R`, `R→S`, `S→R`, `R→C`) where a
 * client session shows its arrow, and the seq of the counterpart they link to; the two handshakes
 * under a heading naming their leg; the relay's notes in the reader's language.
 */
export function formatRelayRecord(record: CapturedRecord, t: Translate): string[] {
  if (record.kind === 'frame' && record.leg) return [frameLine(record, record.leg, t)];
  if (record.kind === 'handshake' && record.leg) return [t(record.leg === 'client' ? 'relay:cli.handshakeClient' : 'relay:cli.handshakeServer'), ...formatRecord(record, t)];
  return formatRecord(record, t);
}

function frameLine(frame: CapturedFrame, leg: RelayLeg, t: Translate): string {
  const line = formatRecord(frame, t)[0]!;
  const link = frame.link !== undefined ? ` ⇄ #${frame.link}` : '';
  const [first, ...rest] = line.split('\n');
  return [`${first!.slice(0, timeWidth)}${legArrows[leg][frame.direction]} #${String(frame.seq).padEnd(5)}${first!.slice(timeWidth + 1)}${link}`, ...rest].join('\n');
}

const lineBreak = asciiBytes('\n');

/** `relay --json`: one record per line in the capture record shape, with the relayed connection's number. */
export function relayJsonLine(connection: number): RecordFormat {
  return (out, record) => {
    out.utf8(JSON.stringify({ ...recordJson(record), connection }));
    out.constant(lineBreak);
  };
}

/** The relay's readable lines (formatRelayRecord) for the record printer. */
export function relayTextLines(t: Translate): RecordFormat {
  return (out, record) => {
    for (const line of formatRelayRecord(record, t)) {
      out.utf8(line);
      out.constant(lineBreak);
    }
  };
}

/** A paused message and what can be done with it. */
export function pausedLines(paused: PausedMessageInfo, t: Translate): string[] {
  const arrow = paused.direction === 'out' ? 'C→R' : 'S→R';
  const preview = visibleText(paused.preview);
  return [
    `⏸ ${t('relay:cli.paused', { id: paused.pausedId, breakpoint: paused.breakpointId, arrow, opcode: opcodeName(paused.opcode), bytes: paused.byteLength })} ${preview}`,
    `  ${paused.isChangeable ? t('relay:cli.pausedActions', { id: paused.pausedId }) : t('relay:cli.pausedActionsLocked', { id: paused.pausedId })}`,
  ];
}

/** A finished passed-through HTTP exchange on one line: who, what, the answer, body sizes, time and how it ended. */
export function httpExchangeLine(exchange: HttpExchange, t: Translate): string {
  const problem = httpExchangeProblemMessage(exchange);
  const line = t('relay:http.exchange', {
    id: exchange.exchangeId,
    peer: exchange.peer,
    method: visibleText(exchange.method),
    url: visibleText(exchange.url),
    answer: visibleText(renderMessage(t, httpExchangeAnswerMessage(exchange))),
    requestBytes: exchange.requestBody.byteLength,
    responseBytes: exchange.response?.body.byteLength ?? 0,
    durationMs: Math.round(exchange.durationMs ?? 0),
    end: visibleText(renderMessage(t, httpExchangeEndMessage(exchange))),
  });
  return problem === null ? line : `${line} · ${visibleText(renderMessage(t, problem))}`;
}
