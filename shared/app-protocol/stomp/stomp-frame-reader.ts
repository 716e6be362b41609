import { decodeUtf8 } from '../../protocol/utf8-text.js';
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
  const commandLine = readLine(bytes, offset);
  if (commandLine === undefined) {
    problems.push({ rule: 'stomp-truncated-frame', message: 'The message ends inside the command line.' });
    return frameItem(decodeUtf8(bytes.subarray(offset)), [], new Uint8Array(0), problems, bytes.length);
  }
  const command = commandLine.text;
  const headers: Array<readonly [string, string]> = [];
  let position = commandLine.next;
  for (;;) {
    const line = readLine(bytes, position);
    if (line === undefined) {
      problems.push({ rule: 'stomp-truncated-frame', message: 'The message ends inside the headers, before the blank line.' });
      return frameItem(command, headers, new Uint8Array(0), problems, bytes.length);
    }
    position = line.next;
    if (line.text === '') break;
    headers.push(parseHeaderLine(line.text, isEscaped(version, command) ? version : undefined, problems));
  }
  return readBody(bytes, position, command, headers, problems);
}

function readBody(bytes: Uint8Array, start: number, command: string, headers: Array<readonly [string, string]>, problems: StompProblem[]): StompItem {
  const declared = headers.find(([name]) => name === 'content-length')?.[1];
  if (declared !== undefined) {
    if (/^\d+$/.test(declared.trim())) {
      const bodyEnd = start + Number(declared.trim());
      if (bodyEnd >= bytes.length) return { kind: 'needs-more' };
      if (bytes[bodyEnd] !== NUL) {
        problems.push({ rule: 'stomp-missing-nul', message: `No NUL after the ${declared.trim()} body octets that content-length declares.` });
        return frameItem(command, headers, bytes.slice(start, bodyEnd), problems, bodyEnd);
      }
      return frameItem(command, headers, bytes.slice(start, bodyEnd), problems, bodyEnd + 1);
    }
    problems.push({ rule: 'stomp-bad-content-length', message: `content-length "${declared}" is not a number of octets.` });
  }
  const nul = bytes.indexOf(NUL, start);
  if (nul < 0) {
    problems.push({ rule: 'stomp-missing-nul', message: 'The frame is not terminated by a NUL octet.' });
    return frameItem(command, headers, bytes.slice(start), problems, bytes.length);
  }
  return frameItem(command, headers, bytes.slice(start, nul), problems, nul + 1);
}

function frameItem(command: string, headers: StompHeaders, body: Uint8Array, problems: StompProblem[], end: number): StompItem {
  if (!/^[A-Z]+$/.test(command)) problems.unshift({ rule: 'stomp-bad-command', message: `"${command.slice(0, 40)}" is not a STOMP command.` });
  return { kind: 'frame', frame: { command, headers, body, problems }, end };
}

/** `version` undefined: the frame is not escaped (STOMP 1.0, CONNECT, CONNECTED). */
function parseHeaderLine(text: string, version: StompVersion | undefined, problems: StompProblem[]): readonly [string, string] {
  const colon = text.indexOf(':');
  if (colon < 0) {
    problems.push({ rule: 'stomp-bad-header', message: `The header line "${text.slice(0, 40)}" has no colon.` });
    return [text, ''];
  }
  if (version === undefined) return [text.slice(0, colon), text.slice(colon + 1)];
  const name = unescapeHeader(text.slice(0, colon), version);
  const value = unescapeHeader(text.slice(colon + 1), version);
  for (const problem of [name.problem, value.problem]) if (problem !== undefined) problems.push({ rule: 'stomp-bad-escape', message: problem });
  return [name.value, value.value];
}

/** A line ended by LF (a CR before it is part of the EOL, STOMP 1.2); undefined when no LF follows. */
function readLine(bytes: Uint8Array, start: number): { text: string; next: number } | undefined {
  const lf = bytes.indexOf(LF, start);
  if (lf < 0) return undefined;
  const end = lf > start && bytes[lf - 1] === CR ? lf - 1 : lf;
  return { text: decodeUtf8(bytes.subarray(start, end)), next: lf + 1 };
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
