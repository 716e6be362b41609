import { message as sentence, type Message } from '../../i18n/message.js';
import { englishText } from '../../i18n/english-text.js';
import { decodeUtf8 } from '../../protocol/utf8-text.js';
import { parserDetail } from '../protocol-violation-text.js';
import { isEscaped, unescapeHeader } from './stomp-headers.js';
import type { StompHeaders, StompVersion } from './stomp-headers.js';

/** One STOMP frame as read from the wire; `problems` lists the rules it breaks. */
export interface StompFrame {
  readonly command: string;
  readonly headers: StompHeaders;
  readonly body: Uint8Array;
  readonly problems: readonly StompProblem[];
}

/** A broken rule: a stable rule id and a plain sentence. */
export interface StompProblem {
  readonly rule: string;
  readonly message: string;
  /** The sentence as a message. */
  readonly i18n?: Message;
}

/** What `readStompItem` found at an offset. */
export type StompItem =
  | { readonly kind: 'heart-beat'; readonly eolCount: number; readonly end: number }
  | { readonly kind: 'frame'; readonly frame: StompFrame; readonly end: number }
  /** A content-length promises more bytes than the buffer holds: wait for the next message. */
  | { readonly kind: 'needs-more' };

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

/**
 * Reads the item at `offset` (STOMP 1.2 "Augmented BNF"): a run of EOLs (heart-beats) or a frame.
 * A frame ends at its NUL, found after `content-length` octets when that header is present.
 * Without content-length, the end of the buffer also ends the frame (with a missing-NUL problem),
 * because over WebSocket a frame that never ends would otherwise swallow every frame after it.
 */
export function readStompItem(bytes: Uint8Array, offset: number, version: StompVersion): StompItem {
  const eols = countEols(bytes, offset);
  if (eols.count > 0) return { kind: 'heart-beat', eolCount: eols.count, end: eols.end };
  const problems: StompProblem[] = [];
  const headEnd = findBlankLine(bytes, offset);
  // The command and headers are decoded as one text (one decode per frame, not per line).
  const head = decodeUtf8(bytes.subarray(offset, headEnd === undefined ? bytes.length : headEnd.at));
  const lines = head.split('\n');
  const command = stripCr(lines[0] as string);
  const headers: Array<readonly [string, string]> = [];
  const escapeVersion = isEscaped(version, command) ? version : undefined;
  const headerLines = headEnd === undefined ? lines.length : lines.length - 1;
  for (let i = 1; i < headerLines; i++) headers.push(parseHeaderLine(stripCr(lines[i] as string), escapeVersion, problems));
  if (headEnd === undefined) {
    problems.push(lines.length === 1
      ? stompProblem('stomp-truncated-frame', sentence('protocols:violation.detail.stompEndsInCommand'))
      : stompProblem('stomp-truncated-frame', sentence('protocols:violation.detail.stompEndsInHeaders')));
    return frameItem(command, headers, new Uint8Array(0), problems, bytes.length);
  }
  return readBody(bytes, headEnd.bodyStart, command, headers, problems);
}

/** The end of the head: the LF that ends the last header line, followed by an empty line (LF or CR LF). */
function findBlankLine(bytes: Uint8Array, start: number): { at: number; bodyStart: number } | undefined {
  let lf = bytes.indexOf(LF, start);
  while (lf >= 0) {
    if (bytes[lf + 1] === LF) return { at: lf + 1, bodyStart: lf + 2 };
    if (bytes[lf + 1] === CR && bytes[lf + 2] === LF) return { at: lf + 1, bodyStart: lf + 3 };
    lf = bytes.indexOf(LF, lf + 1);
  }
  return undefined;
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function readBody(bytes: Uint8Array, start: number, command: string, headers: Array<readonly [string, string]>, problems: StompProblem[]): StompItem {
  const declared = headers.find(([name]) => name === 'content-length')?.[1];
  if (declared !== undefined) {
    if (/^\d+$/.test(declared.trim())) {
      const bodyEnd = start + Number(declared.trim());
      if (bodyEnd >= bytes.length) return { kind: 'needs-more' };
      if (bytes[bodyEnd] !== NUL) {
        problems.push(stompProblem('stomp-missing-nul', sentence('protocols:violation.detail.stompNoNulAfterBody', { length: declared.trim() })));
        return frameItem(command, headers, bytes.slice(start, bodyEnd), problems, bodyEnd);
      }
      return frameItem(command, headers, bytes.slice(start, bodyEnd), problems, bodyEnd + 1);
    }
    problems.push(stompProblem('stomp-bad-content-length', sentence('protocols:violation.detail.stompBadContentLength', { value: declared })));
  }
  const nul = bytes.indexOf(NUL, start);
  if (nul < 0) {
    problems.push(stompProblem('stomp-missing-nul', sentence('protocols:violation.detail.stompNoNul')));
    return frameItem(command, headers, bytes.slice(start), problems, bytes.length);
  }
  return frameItem(command, headers, bytes.slice(start, nul), problems, nul + 1);
}

function stompProblem(rule: string, text: Message): StompProblem {
  return { rule, message: englishText(text), i18n: text };
}

function frameItem(command: string, headers: StompHeaders, body: Uint8Array, problems: StompProblem[], end: number): StompItem {
  if (!/^[A-Z]+$/.test(command)) problems.unshift(stompProblem('stomp-bad-command', sentence('protocols:violation.detail.stompBadCommand', { command: command.slice(0, 40) })));
  return { kind: 'frame', frame: { command, headers, body, problems }, end };
}

/** `version` undefined: the frame is not escaped (STOMP 1.0, CONNECT, CONNECTED). */
function parseHeaderLine(text: string, version: StompVersion | undefined, problems: StompProblem[]): readonly [string, string] {
  const colon = text.indexOf(':');
  if (colon < 0) {
    problems.push(stompProblem('stomp-bad-header', sentence('protocols:violation.detail.stompHeaderNoColon', { line: text.slice(0, 40) })));
    return [text, ''];
  }
  if (version === undefined) return [text.slice(0, colon), text.slice(colon + 1)];
  const name = unescapeHeader(text.slice(0, colon), version);
  const value = unescapeHeader(text.slice(colon + 1), version);
  for (const problem of [name.problem, value.problem]) if (problem !== undefined) problems.push({ rule: 'stomp-bad-escape', message: englishText(problem), i18n: parserDetail('stomp-bad-escape', problem) });
  return [name.value, value.value];
}

function countEols(bytes: Uint8Array, start: number): { count: number; end: number } {
  let count = 0;
  let i = start;
  while (i < bytes.length) {
    if (bytes[i] === LF) i += 1;
    else if (bytes[i] === CR && bytes[i + 1] === LF) i += 2;
    else break;
    count++;
  }
  return { count, end: i };
}
