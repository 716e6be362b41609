import type { CompletedMessage } from '../connection/connection-command.js';
import type { ExpectedEcho } from './conformance-case.js';
import type { EchoMismatch } from './case-observation.js';

interface PendingEcho extends ExpectedEcho {
  readonly sentAtMicros: number;
  readonly isAwaited: boolean;
}

/**
 * Matches the server's data messages and pongs against what the script expects, in order,
 * holding only the echoes still in flight (so a thousand large messages cost one at a time).
 */
export class EchoTracker {
  private readonly pending: PendingEcho[] = [];
  private readonly expectedPongs: Uint8Array[] = [];
  private readonly ignoredPings: Uint8Array[] = [];
  private readonly roundTripsMs: number[] = [];
  private isAfterIgnored = false;
  echoesExpected = 0;
  echoesReceived = 0;
  bytesEchoed = 0;
  unexpectedMessages = 0;
  messagesAfterIgnored = 0;
  compressedReceived = 0;
  mismatch: EchoMismatch | null = null;
  pongsExpected = 0;
  pongsMatched = 0;
  pongsSkipped = 0;
  pongsForIgnored = 0;
  isLastPongMatched = true;
  lastAnswerAtMicros = 0;

  /** A message was sent that the server must echo. `isAwaited` marks one-at-a-time round trips. */
  expectEcho(echo: ExpectedEcho, sentAtMicros: number, isAwaited: boolean): void {
    this.pending.push({ ...echo, sentAtMicros, isAwaited });
    this.echoesExpected++;
  }

  /** A ping was sent that the server must answer. */
  expectPong(payload: Uint8Array): void {
    this.expectedPongs.push(payload);
    this.pongsExpected++;
    this.isLastPongMatched = false;
  }

  /** A send the server must not act on went out: what it answers from now on is suspect. */
  ignoredSent(pingPayload: Uint8Array | null): void {
    this.isAfterIgnored = true;
    if (pingPayload) this.ignoredPings.push(pingPayload);
  }

  /** True while an expected echo or pong is still to come. */
  get isWaiting(): boolean {
    return this.pending.length > 0 || !this.isLastPongMatched;
  }

  /** A data message from the server. */
  messageReceived(message: CompletedMessage): void {
    if (message.isCompressed) this.compressedReceived++;
    const expected = this.pending.shift();
    if (!expected) {
      this.unexpectedMessages++;
      if (this.isAfterIgnored) this.messagesAfterIgnored++;
      return;
    }
    this.echoesReceived++;
    this.bytesEchoed += message.payloadLength;
    this.lastAnswerAtMicros = message.atMicros;
    if (expected.isAwaited) this.roundTripsMs.push((message.atMicros - expected.sentAtMicros) / 1000);
    this.mismatch ??= compare(this.echoesReceived - 1, expected, message);
  }

  /** A pong from the server: the newest ping it answers may make earlier ones unanswered (§5.5.3). */
  pongReceived(payload: Uint8Array, atMicros: number): void {
    const index = this.expectedPongs.findIndex((expected) => sameBytes(expected, payload));
    if (index >= 0) {
      this.pongsSkipped += index;
      this.pongsMatched++;
      this.expectedPongs.splice(0, index + 1);
      if (this.expectedPongs.length === 0) this.isLastPongMatched = true;
      this.lastAnswerAtMicros = atMicros;
      return;
    }
    if (this.ignoredPings.some((ignored) => sameBytes(ignored, payload))) this.pongsForIgnored++;
  }

  /** min, median and max of the awaited round trips, or null when none were awaited. */
  roundTrips(): { min: number; median: number; max: number } | null {
    if (this.roundTripsMs.length === 0) return null;
    const sorted = [...this.roundTripsMs].sort((a, b) => a - b);
    return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]! };
  }
}

function compare(index: number, expected: ExpectedEcho, message: CompletedMessage): EchoMismatch | null {
  if (message.opcode !== expected.opcode) return { index, problem: 'opcode', expected: opcodeName(expected.opcode), received: opcodeName(message.opcode) };
  if (message.payloadLength !== expected.payload.length) return { index, problem: 'length', expected: String(expected.payload.length), received: String(message.payloadLength) };
  const at = firstDifference(expected.payload, message.payload);
  if (at === null) return null;
  return { index, problem: 'bytes', expected: hexAround(expected.payload, at), received: hexAround(message.payload, at) };
}

function opcodeName(opcode: number): string {
  return opcode === 1 ? 'text' : opcode === 2 ? 'binary' : `opcode ${opcode}`;
}

function firstDifference(expected: Uint8Array, received: Uint8Array): number | null {
  const length = Math.min(expected.length, received.length);
  for (let i = 0; i < length; i++) if (expected[i] !== received[i]) return i;
  return expected.length === received.length ? null : length;
}

/** A few bytes around an offset, as `@123: 61 62 63`. */
function hexAround(bytes: Uint8Array, at: number): string {
  const start = Math.max(0, at - 4);
  const shown = [...bytes.subarray(start, at + 8)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return `@${at}: ${shown || '(end)'}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
