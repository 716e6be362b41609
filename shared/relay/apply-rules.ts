import type { Direction } from '../protocol/frame-record.js';
import { decodeBase64 } from '../protocol/base64.js';
import { Opcode } from '../protocol/opcode.js';
import { message, type Message } from '../i18n/message.js';
import type { CompiledRule } from './compiled-interception.js';
import { setJsonPath } from './json-path.js';
import { matchesSubject } from './message-match.js';
import { messageText } from './message-text.js';
import type { TextCodec } from './text-codec.js';

/** One message as rules see it. */
export interface RuleInput {
  readonly direction: Direction;
  readonly opcode: number;
  readonly payload: Uint8Array;
  /** False when this message cannot be changed or withheld (a compressed message in frame-exact mode with context takeover). */
  readonly isChangeable: boolean;
  readonly events: readonly string[];
}

/** How a rule list ended a message's way, if it did. */
export type RuleEnd =
  | { readonly kind: 'drop'; readonly ruleId: string }
  /** Answer the sender with this message instead of forwarding. */
  | { readonly kind: 'reply'; readonly ruleId: string; readonly opcode: number; readonly payload: Uint8Array };

/** What the rules did to one message. */
export interface RulesOutcome {
  /** The rewritten payload, or null when no rule changed it. */
  readonly payload: Uint8Array | null;
  /** The sum of matching delays. */
  readonly delayMs: number;
  readonly end: RuleEnd | null;
  /** The ids of the rules that acted, in order. */
  readonly applied: readonly string[];
  /** Rules that matched but could not act, with why (a note in the capture). */
  readonly skipped: readonly { readonly ruleId: string; readonly reason: Message }[];
}

/**
 * Runs the enabled rules in order on one message: rewrites and JSON sets change the payload the
 * next rules see, delays add up, and the first drop or reply ends the list.
 */
export function applyRules(rules: readonly CompiledRule[], input: RuleInput, codec: TextCodec): RulesOutcome {
  let payload = input.payload;
  let isChanged = false;
  let delayMs = 0;
  const applied: string[] = [];
  const skipped: { ruleId: string; reason: Message }[] = [];
  for (const rule of rules) {
    const current = payload;
    const subject = { direction: input.direction, opcode: input.opcode, text: () => messageText(current, codec), events: () => input.events };
    if (!matchesSubject(rule.match, subject)) continue;
    const action = rule.action;
    if (action.kind === 'delay') {
      delayMs += action.delayMs;
      applied.push(rule.id);
      continue;
    }
    if (!input.isChangeable) {
      skipped.push({ ruleId: rule.id, reason: message('relay:reason.compressedContext') });
      continue;
    }
    if (action.kind === 'drop') return { payload: isChanged ? payload : null, delayMs, end: { kind: 'drop', ruleId: rule.id }, applied: [...applied, rule.id], skipped };
    if (action.kind === 'reply') {
      const reply = action.opcode === Opcode.binary ? decodeBase64(action.payload) : codec.encode(action.payload);
      if (reply === null) {
        skipped.push({ ruleId: rule.id, reason: message('relay:reason.replyNotBase64') });
        continue;
      }
      return { payload: isChanged ? payload : null, delayMs, end: { kind: 'reply', ruleId: rule.id, opcode: action.opcode, payload: reply }, applied: [...applied, rule.id], skipped };
    }
    const text = input.opcode === Opcode.text ? codec.decode(payload) : null;
    if (text === null) {
      skipped.push({ ruleId: rule.id, reason: message('relay:reason.notText') });
      continue;
    }
    const changed = action.kind === 'rewrite' ? { ok: true as const, text: text.replace(rule.find as RegExp, action.replace) } : setJsonPath(text, action.path, action.value);
    if (!changed.ok) {
      skipped.push({ ruleId: rule.id, reason: changed.reason });
      continue;
    }
    payload = codec.encode(changed.text);
    isChanged = true;
    applied.push(rule.id);
  }
  return { payload: isChanged ? payload : null, delayMs, end: null, applied, skipped };
}
