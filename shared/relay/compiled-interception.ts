import type { Direction } from '../protocol/frame-record.js';
import type { DirectionShaping, MessageMatch, RelayInterception, RuleAction } from '../contract/relay-interception.js';

/** A message match with its pattern compiled once. */
export interface CompiledMatch {
  readonly direction: MessageMatch['direction'];
  readonly opcodes: ReadonlySet<number>;
  readonly pattern: RegExp | null;
  readonly event: string | null;
}

/** An enabled breakpoint, ready to test messages against. */
export interface CompiledBreakpoint {
  readonly id: string;
  readonly match: CompiledMatch;
}

/** An enabled rule; a rewrite's `find` is compiled global, for replacing every match. */
export interface CompiledRule {
  readonly id: string;
  readonly match: CompiledMatch;
  readonly action: RuleAction;
  readonly find: RegExp | null;
}

/** Interception with disabled entries left out and every pattern compiled. */
export interface CompiledInterception {
  readonly breakpoints: readonly CompiledBreakpoint[];
  readonly rules: readonly CompiledRule[];
  readonly shaping: Readonly<Record<Direction, DirectionShaping>>;
}

/** Compiles what the settings hold (their patterns were checked when the settings were parsed). */
export function compileInterception(interception: RelayInterception): CompiledInterception {
  return {
    breakpoints: interception.breakpoints.filter((breakpoint) => breakpoint.isEnabled).map((breakpoint) => ({ id: breakpoint.id, match: compileMatch(breakpoint.match) })),
    rules: interception.rules
      .filter((rule) => rule.isEnabled)
      .map((rule) => ({ id: rule.id, match: compileMatch(rule.match), action: rule.action, find: rule.action.kind === 'rewrite' ? new RegExp(rule.action.find, 'g') : null })),
    shaping: interception.shaping,
  };
}

/**
 * True when a direction's messages must be held whole before they go on: a rule or breakpoint
 * may apply to them, or the direction is delayed or throttled. Otherwise frames stream through.
 */
export function holdsMessages(interception: CompiledInterception, direction: Direction): boolean {
  const applies = (match: CompiledMatch): boolean => match.direction === 'any' || match.direction === direction;
  const shaping = interception.shaping[direction];
  return shaping.delayMs > 0 || shaping.bytesPerSecond > 0 || interception.breakpoints.some((breakpoint) => applies(breakpoint.match)) || interception.rules.some((rule) => applies(rule.match));
}

function compileMatch(match: MessageMatch): CompiledMatch {
  return {
    direction: match.direction,
    opcodes: new Set(match.opcodes),
    // Not global: `test` on a global expression remembers where it stopped.
    pattern: match.pattern === undefined ? null : new RegExp(match.pattern),
    event: match.event ?? null,
  };
}
