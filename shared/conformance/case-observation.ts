import type { ClosedDetails } from '../connection/closed-details.js';
import type { Violation } from '../protocol/violation.js';
import type { ObservedHandshake } from './observed-handshake.js';

/** How the socket ended, as the case saw it: the server's FIN, a reset, an error, or our own drop after a timer. */
export type SocketEnding = 'fin' | 'rst' | 'error' | 'close-wait' | 'case-timeout' | 'local';

/** The first echo that did not match what was sent. */
export interface EchoMismatch {
  /** 0-based index of the expected echo. */
  readonly index: number;
  readonly problem: 'opcode' | 'length' | 'bytes';
  readonly expected: string;
  readonly received: string;
}

/** Measured figures, reported as they are (never judged against a timing in tests). */
export interface CaseFigures {
  /** From the first step to the last expected echo or pong (or to the end). */
  readonly durationMs: number;
  readonly messagesSent: number;
  readonly bytesSent: number;
  readonly messagesEchoed: number;
  readonly bytesEchoed: number;
  /** Round trips of echoes awaited one at a time. */
  readonly roundTripMs: { readonly min: number; readonly median: number; readonly max: number } | null;
  /** Of the server's data messages, how many came compressed (permessage-deflate). */
  readonly compressedReceived: number;
}

/** Everything a judge reads: the handshake, echoes and pongs, the server's close, and how it ended. */
export interface CaseObservation {
  readonly handshake: ObservedHandshake | null;
  /** The case's time limit, in ms (for "no response within N s"). */
  readonly timeoutMs: number;
  /** Steps carried out (the script stops once the server has ended the connection). */
  readonly stepsSent: number;
  /** True when every step of the script was carried out. */
  readonly isScriptComplete: boolean;
  /** Steps carried out when the server's close frame (or its end of the socket) was first seen; null if never. */
  readonly stepsSentWhenServerEnded: number | null;
  readonly echoesExpected: number;
  readonly echoesReceived: number;
  readonly mismatch: EchoMismatch | null;
  /** Data messages that answered nothing we expected an echo for. */
  readonly unexpectedMessages: number;
  /** Of those, how many came after a send the server had to ignore (it kept processing). */
  readonly messagesAfterIgnored: number;
  readonly pongsExpected: number;
  readonly pongsMatched: number;
  /** Expected pongs the server skipped because it answered a later ping (§5.5.3 allows it). */
  readonly pongsSkipped: number;
  /** True when the last expected pong arrived. */
  readonly isLastPongMatched: boolean;
  /** Pongs for pings the server had to ignore. */
  readonly pongsForIgnored: number;
  /** The server's first close frame, if any. */
  readonly serverClose: { readonly closeCode?: number; readonly closeReason?: string; readonly isFirst: boolean } | null;
  /** True when we sent a close frame before the server did. */
  readonly didWeCloseFirst: boolean;
  /** True when that close was one of the script's steps (not the normal close once the case settled). */
  readonly didScriptClose: boolean;
  /** Violations on the server's frames (rule broken by the server), first few. */
  readonly serverViolations: readonly Violation[];
  /** How the connection ended, as its closing handshake saw it. */
  readonly closed: ClosedDetails | null;
  readonly ending: SocketEnding | null;
  readonly isTimedOut: boolean;
  /** The order of what the server sent after the last step (for INFORMATIONAL reports): `echo` / `close`. */
  readonly replyOrder: readonly ('echo' | 'pong' | 'close')[];
  readonly figures: CaseFigures;
}
