import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { base64Schema } from '../../../shared/contract/api-send.js';
import { fanoutOptionsSchema } from '../../../shared/contract/fanout.js';
import { listenerOptionsSchema } from '../../../shared/contract/api-listen.js';
import { environmentFileSchema } from '../../../shared/workspace/environment-file.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { fieldIssueText, issueText } from '../../../shared/i18n/schema-issue-text.js';

const zh = createTranslate('zh-CN');

/** The first issue of parsing `value` with `schema`, in English and in Chinese. */
function problem(schema: z.ZodType, value: unknown): { en: string; zh: string } {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('the value was accepted');
  const text = issueText(result.error.issues[0]!);
  return { en: englishText(text), zh: renderMessage(zh, text) };
}

describe('schema issues as messages', () => {
  it.each([
    ['a type', z.number(), 'x', 'expected a number', '应为数字'],
    ['an inclusive lower bound', z.number().int().min(1), 0, 'must be at least 1', '不能小于 1'],
    ['an exclusive lower bound', z.number().positive(), 0, 'must be more than 0', '必须大于 0'],
    ['an upper bound', z.number().max(65535), 70000, 'must be at most 65535', '不能大于 65535'],
    ['empty text', z.string().min(1), '', 'must not be empty', '不能为空'],
    ['a length', z.string().max(3), 'abcd', 'must be at most 3 characters long', '至多 3 个字符'],
    ['one character', z.string().length(1), 'ab', 'must be exactly 1 character long', '必须正好 1 个字符'],
    ['a count of items', z.array(z.string()).min(2), ['a'], 'must hold at least 2 items', '至少 2 项'],
    ['a choice', z.enum(['auto', 'none']), 'mqtt', 'must be one of: "auto", "none"', '必须是以下之一："auto"，"none"'],
    ['a literal', z.literal('content'), 'path', 'must be "content"', '必须为 "content"'],
    ['unknown fields', z.object({ a: z.number() }).strict(), { a: 1, b: 2, c: 3 }, 'has unknown fields: b, c', '含有未知字段：b，c'],
    ['a discriminator', z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]), { kind: 'c' }, 'must be one of: "a", "b"', '必须是以下之一："a"，"b"'],
    ['a pattern of zod’s', z.string().regex(/^a+$/), 'b', 'does not match the pattern /^a+$/', '不符合模式 /^a+$/'],
    ['a pattern of ours', base64Schema, 'not base64!', 'not base64', '不是 base64'],
    ['a multiple', z.number().multipleOf(5), 7, 'must be a multiple of 5', '必须是 5 的倍数'],
  ])('words %s', (_what, schema, value, english, chinese) => {
    expect(problem(schema as z.ZodType, value)).toEqual({ en: english, zh: chinese });
  });

  it('refuses a listener pong timeout without a ping interval, for every edge of the contract', () => {
    expect(listenerOptionsSchema.safeParse({ port: 0, pingIntervalMs: 1000, pongTimeoutMs: 500 }).success).toBe(true);
    const result = listenerOptionsSchema.safeParse({ port: 0, pongTimeoutMs: 500 });
    if (result.success) throw new Error('accepted');
    const issue = result.error.issues[0]!;
    expect(issue.path).toEqual(['pongTimeoutMs']);
    expect(issue.message).toBe('Pong timeout needs a ping interval: the wait for a pong starts at a ping');
    expect(renderMessage(zh, issueText(issue))).toBe('Pong 超时需要配合 ping 间隔：等待 pong 从发出 ping 时开始计时');
  });

  it('words our own refinements, with the values they name, and keeps their English as zod’s message', () => {
    const result = fanoutOptionsSchema.safeParse({ clients: 500, senders: 500, messages: 100 });
    if (result.success) throw new Error('accepted');
    const issue = result.error.issues[0]!;
    expect(issue.message).toBe(englishText(issueText(issue)));
    expect(issue.message).toBe('clients × senders × messages is capped at 20000000');
    expect(renderMessage(zh, fieldIssueText(issue.path.join('.'), issue))).toBe('messages：客户端数 × 发送者数 × 消息数的上限为 20000000');
  });

  it('words a workspace file’s own issues and patterns through the same mapping, English kept as zod’s message', () => {
    const result = environmentFileSchema.safeParse({ format: 'frameline-environment', version: 1, id: 'Bad Id', name: 'x', variables: [{ name: 'host', value: 'a' }, { name: 'host', value: 'b' }] });
    if (result.success) throw new Error('accepted');
    const byPath = new Map(result.error.issues.map((issue) => [issue.path.join('.'), issue]));
    const pattern = byPath.get('id')!;
    const twice = byPath.get('variables.1.name')!;
    expect(pattern.message).toBe(englishText(issueText(pattern)));
    expect(renderMessage(zh, issueText(pattern))).toBe('id 由 1–80 个 a-z、0-9、"."、"_" 或 "-" 组成，以字母或数字开头');
    expect(twice.message).toBe('"host" is defined twice');
    expect(twice.message).toBe(englishText(issueText(twice)));
    expect(renderMessage(zh, issueText(twice))).toBe('"host" 被定义了两次');
  });
});
