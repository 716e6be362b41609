import { describe, expect, it } from 'vitest';
import { relayInterceptionSchema, type RelayInterceptionInput } from '../../../shared/contract/relay-interception.js';
import { applyRules } from '../../../shared/relay/apply-rules.js';
import { compileInterception, holdsMessages } from '../../../shared/relay/compiled-interception.js';
import { matchesSubject } from '../../../shared/relay/message-match.js';
import { messageText } from '../../../shared/relay/message-text.js';
import { testCodec } from './relay-fixtures.js';

function compiled(input: RelayInterceptionInput) {
  return compileInterception(relayInterceptionSchema.parse(input));
}

function run(input: RelayInterceptionInput, message: { direction?: 'in' | 'out'; opcode?: number; text?: string; bytes?: Uint8Array; isChangeable?: boolean; events?: string[] }) {
  const payload = message.bytes ?? testCodec.encode(message.text ?? '');
  const outcome = applyRules(compiled(input).rules, { direction: message.direction ?? 'out', opcode: message.opcode ?? 1, payload, isChangeable: message.isChangeable ?? true, events: message.events ?? [] }, testCodec);
  return { ...outcome, text: outcome.payload === null ? null : testCodec.decode(outcome.payload) };
}

describe('message matching', () => {
  const subject = (direction: 'in' | 'out', opcode: number, text: string, events: string[] = []) => ({ direction, opcode, text: () => text, events: () => events });
  const match = (input: RelayInterceptionInput['breakpoints']) => compiled({ breakpoints: input }).breakpoints[0]!.match;

  it('by direction, opcode, pattern and event, all of them', () => {
    const m = match([{ id: 'b', match: { direction: 'out', opcodes: [1], pattern: '"op":\\s*"send"', event: 'chat' } }]);
    expect(matchesSubject(m, subject('out', 1, '{"op": "send"}', ['chat']))).toBe(true);
    expect(matchesSubject(m, subject('in', 1, '{"op": "send"}', ['chat']))).toBe(false);
    expect(matchesSubject(m, subject('out', 2, '{"op": "send"}', ['chat']))).toBe(false);
    expect(matchesSubject(m, subject('out', 1, '{"op": "recv"}', ['chat']))).toBe(false);
    expect(matchesSubject(m, subject('out', 1, '{"op": "send"}', []))).toBe(false);
  });

  it('no opcodes means data messages only: a pattern never pauses a ping', () => {
    const m = match([{ id: 'b', match: { pattern: 'x' } }]);
    expect(matchesSubject(m, subject('out', 9, 'x'))).toBe(false);
    expect(matchesSubject(m, subject('out', 2, 'x'))).toBe(true);
    const ping = match([{ id: 'b', match: { opcodes: [9] } }]);
    expect(matchesSubject(ping, subject('in', 9, ''))).toBe(true);
  });

  it('a pattern sees a binary message that is not UTF-8 as spaced hex', () => {
    expect(messageText(Uint8Array.of(0x0a, 0xff, 0x00), testCodec)).toBe('0a ff 00');
    expect(messageText(testCodec.encode('héllo'), testCodec)).toBe('héllo');
  });

  it('a direction holds messages only when something could apply to it', () => {
    expect(holdsMessages(compiled({}), 'out')).toBe(false);
    expect(holdsMessages(compiled({ rules: [{ id: 'r', match: { direction: 'in' }, action: { kind: 'drop' } }] }), 'out')).toBe(false);
    expect(holdsMessages(compiled({ rules: [{ id: 'r', match: { direction: 'in' }, action: { kind: 'drop' } }] }), 'in')).toBe(true);
    expect(holdsMessages(compiled({ breakpoints: [{ id: 'b', isEnabled: false, match: {} }] }), 'in')).toBe(false);
    expect(holdsMessages(compiled({ shaping: { out: { delayMs: 10 } } }), 'out')).toBe(true);
  });
});

describe('rules', () => {
  it('rewrites every match, with groups', () => {
    expect(run({ rules: [{ id: 'r1', match: {}, action: { kind: 'rewrite', find: 'price=(\\d+)', replace: 'price=0 (was $1)' } }] }, { text: 'price=5 price=7' })).toMatchObject({
      text: 'price=0 (was 5) price=0 (was 7)',
      applied: ['r1'],
      end: null,
    });
  });

  it('sets a JSON field, and the next rule sees the result', () => {
    const outcome = run(
      {
        rules: [
          { id: 'set', match: {}, action: { kind: 'json-set', path: '$.user', value: 'mallory' } },
          { id: 'drop-mallory', match: { pattern: 'mallory' }, action: { kind: 'drop' } },
        ],
      },
      { text: '{"user":"alice"}' },
    );
    expect([outcome.text, outcome.end, outcome.applied]).toEqual(['{"user":"mallory"}', { kind: 'drop', ruleId: 'drop-mallory' }, ['set', 'drop-mallory']]);
  });

  it('delays add up and do not end the list; a reply does, with its bytes', () => {
    const outcome = run(
      {
        rules: [
          { id: 'd1', match: {}, action: { kind: 'delay', delayMs: 100 } },
          { id: 'd2', match: {}, action: { kind: 'delay', delayMs: 50 } },
          { id: 'mock', match: { direction: 'out', pattern: 'ping' }, action: { kind: 'reply', payload: '{"pong":true}' } },
          { id: 'never', match: {}, action: { kind: 'drop' } },
        ],
      },
      { text: '{"type":"ping"}' },
    );
    expect(outcome.delayMs).toBe(150);
    expect(outcome.end?.kind === 'reply' ? [outcome.end.ruleId, testCodec.decode(outcome.end.payload)] : null).toEqual(['mock', '{"pong":true}']);
  });

  it('a binary reply is base64; a broken one is skipped with its reason', () => {
    const ok = run({ rules: [{ id: 'b', match: {}, action: { kind: 'reply', opcode: 2, payload: 'AAH/' } }] }, { text: 'x' });
    expect(ok.end?.kind === 'reply' ? [...ok.end.payload] : null).toEqual([0, 1, 255]);
    const broken = run({ rules: [{ id: 'b', match: {}, action: { kind: 'reply', opcode: 2, payload: '***' } }] }, { text: 'x' });
    expect([broken.end, broken.skipped]).toEqual([null, [{ ruleId: 'b', reason: { key: 'relay:reason.replyNotBase64' } }]]);
  });

  it('rewrites skip binary messages, and nothing but delays touches an unchangeable message', () => {
    const binary = run({ rules: [{ id: 'r', match: {}, action: { kind: 'rewrite', find: 'a', replace: 'b' } }] }, { opcode: 2, text: 'a' });
    expect([binary.text, binary.skipped[0]?.reason.key]).toEqual([null, 'relay:reason.notText']);
    const locked = run(
      { rules: [{ id: 'd', match: {}, action: { kind: 'delay', delayMs: 5 } }, { id: 'x', match: {}, action: { kind: 'drop' } }] },
      { text: 'a', isChangeable: false },
    );
    expect([locked.delayMs, locked.end, locked.skipped[0]?.reason.key]).toEqual([5, null, 'relay:reason.compressedContext']);
  });

  it('disabled rules do nothing; a rule for the other direction does nothing', () => {
    const outcome = run(
      { rules: [{ id: 'off', isEnabled: false, match: {}, action: { kind: 'drop' } }, { id: 'in-only', match: { direction: 'in' }, action: { kind: 'drop' } }] },
      { direction: 'out', text: 'a' },
    );
    expect([outcome.end, outcome.applied]).toEqual([null, []]);
  });

  it('settings refuse a pattern that does not compile, naming the field', () => {
    const result = relayInterceptionSchema.safeParse({ rules: [{ id: 'r', match: { pattern: '(' }, action: { kind: 'drop' } }] });
    expect(result.success ? null : [result.error.issues[0]?.path.join('.'), result.error.issues[0]?.message]).toEqual(['rules.0.match.pattern', 'not a valid regular expression']);
  });
});
