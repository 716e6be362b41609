import type { Direction } from '../protocol/frame-record.js';
import { isControlOpcode } from '../protocol/opcode.js';
import type { CompiledMatch } from './compiled-interception.js';

/** What a breakpoint or rule looks at in one message or control frame. */
export interface MatchSubject {
  readonly direction: Direction;
  readonly opcode: number;
  /** The text patterns are matched against (see `messageText`); asked for only when a pattern needs it. */
  text(): string;
  /** Application-protocol event names, from a decoder the owner injects; empty without one. */
  events(): readonly string[];
}

/**
 * True when every condition of `match` holds. No opcodes listed means data messages only, so a
 * pattern meant for messages never pauses the heartbeat.
 */
export function matchesSubject(match: CompiledMatch, subject: MatchSubject): boolean {
  if (match.direction !== 'any' && match.direction !== subject.direction) return false;
  if (match.opcodes.size === 0 ? isControlOpcode(subject.opcode) : !match.opcodes.has(subject.opcode)) return false;
  if (match.event !== null && !subject.events().includes(match.event)) return false;
  return match.pattern === null || match.pattern.test(subject.text());
}
