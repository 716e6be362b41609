import { describe, expect, it } from 'vitest';
import { connectionFileSchema } from '../../../shared/workspace/connection-file.js';
import { idFromName } from '../../../shared/workspace/entity-id.js';
import { environmentFileSchema } from '../../../shared/workspace/environment-file.js';
import { fileProblems, fileProblemText, formatFileProblem } from '../../../shared/workspace/file-problem.js';
import { connectionFileText, environmentFileText } from '../../../shared/workspace/file-text.js';
import { parseJsonPath, selectJsonPath } from '../../../shared/workspace/json-path.js';
import { describeExpectation, isKeepAliveOnly, matchMessage, type MatchOutcome } from '../../../shared/workspace/message-match.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { scenarioFileSchema } from '../../../shared/workspace/scenario-file.js';
import { planScenario } from '../../../shared/workspace/scenario-plan.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';

const connection = {
  format: 'frameline-connection', version: 1, id: 'chat', name: 'Chat',
  options: { url: 'wss://{{host}}/chat', headers: [['Authorization', 'Bearer {{token}}']], tls: { caFile: 'ca.pem' }, heartbeat: { autoPingIntervalMs: 15000 } },
  reconnect: { isEnabled: true, replay: ['join'] },
  messages: [
    { id: 'join', name: 'Join', kind: 'raw', mode: 'json', text: '{"op":"join"}' },
    { id: 'bytes', name: 'Bytes', description: 'raw', kind: 'raw', mode: 'binary', encoding: 'hex', text: '00ff' },
  ],
};

describe('workspace file text', () => {
  it('writes keys in schema order, leaves defaults out, and rewriting a file it wrote changes no byte', () => {
    const text = connectionFileText(connectionFileSchema.parse(connection));
    expect(text).toBe(`${JSON.stringify({
      format: 'frameline-connection', version: 1, id: 'chat', name: 'Chat',
      options: { url: 'wss://{{host}}/chat', headers: [['Authorization', 'Bearer {{token}}']], tls: { caFile: 'ca.pem' }, heartbeat: { autoPingIntervalMs: 15000 } },
      reconnect: { isEnabled: true, baseMs: 500, capMs: 30000, maxAttempts: 10, replay: ['join'] },
      messages: [
        { id: 'join', name: 'Join', kind: 'raw', mode: 'json', text: '{"op":"join"}' },
        { id: 'bytes', name: 'Bytes', description: 'raw', kind: 'raw', mode: 'binary', encoding: 'hex', text: '00ff' },
      ],
    }, null, 2)}\n`);
    expect(connectionFileText(connectionFileSchema.parse(JSON.parse(text)))).toBe(text);
  });

  it('keeps secret variables without values in environment files', () => {
    const text = environmentFileText(environmentFileSchema.parse({ format: 'frameline-environment', version: 1, id: 'staging', name: 'Staging', variables: [{ name: 'host', value: 'h' }, { name: 'token', secret: true }] }));
    expect(JSON.parse(text).variables).toEqual([{ name: 'host', value: 'h' }, { name: 'token', secret: true }]);
    expect(environmentFileSchema.safeParse({ ...JSON.parse(text), variables: [{ name: 'token', secret: true, value: 'leak' }] }).success).toBe(false);
  });

  it('makes file-safe ids from names', () => {
    expect(idFromName('Chat — Staging (EU)')).toBe('chat-staging-eu');
    expect(idFromName('聊天')).toBe('item');
    expect(idFromName('chat', new Set(['chat', 'chat-2']))).toBe('chat-3');
  });
});

describe('file problems', () => {
  it('name the file, the step (through repeats) and the field', () => {
    const raw = { format: 'frameline-scenario', version: 1, name: 'x', steps: [{ step: 'connect', url: 'ws://a' }, { step: 'repeat', times: 2, steps: [{ step: 'expect', json: { '$..a': 1 } }, { step: 'teleport' }] }, { step: 'wait', ms: 1, extra: true }] };
    const parsed = scenarioFileSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fileProblems('scenarios/x.json', raw, parsed.error).map(formatFileProblem)).toEqual([
      `scenarios/x.json: step 2.1 (expect), field json["$..a"]: cannot read the JSON path "$..a" from "..a" on (supported: $, .name, ['name'], [0], [*])`,
      `scenarios/x.json: step 2.2 (teleport), field step: unknown step; one of "connect", "send", "expect", "expect-close", "wait", "ping", "disconnect", "repeat", "parallel"`,
      'scenarios/x.json: step 3 (wait): has an unknown field: extra',
    ]);
  });

  it('name the branch of a parallel step and the step inside it', () => {
    const raw = {
      format: 'frameline-scenario', version: 1, name: 'chat',
      steps: [
        { step: 'connect', as: 'alice', url: 'ws://a' },
        { step: 'parallel', branches: [{ name: 'alice', steps: [{ step: 'send', on: 'alice', text: 'hi' }] }, { name: 'bob', steps: [{ step: 'expect', on: 'bob', timeoutMs: 'soon' }] }] },
        { step: 'parallel', branches: [{ name: 'x', steps: [{ step: 'send', on: 'alice', text: 'a' }] }, { name: 'x', steps: [{ step: 'wait', ms: 1 }, { step: 'expect', on: 'alice' }] }] },
        { step: 'parallel', branches: [{ steps: [{ step: 'wait', ms: 1 }] }] },
      ],
    };
    const parsed = scenarioFileSchema.safeParse(raw);
    if (parsed.success) throw new Error('passed');
    expect(fileProblems('scenarios/chat.json', raw, parsed.error).map(formatFileProblem)).toEqual([
      'scenarios/chat.json: step 2.2.1 (expect), field timeoutMs: expected a number',
      'scenarios/chat.json: step 3.2 (branch), field name: branch 1 is also named "x"',
      'scenarios/chat.json: step 3.2 (branch), field steps: branches 1 and 2 both use the connection "alice"; each connection belongs to one branch (give each its own "as" and "on")',
      'scenarios/chat.json: step 4 (parallel), field branches: must hold at least 2 items',
    ]);
  });

  it('word each problem in Chinese, keeping the file, the step numbers, the field path and the values as written', () => {
    const chinese = createTranslate('zh-CN');
    const raw = {
      format: 'frameline-scenario', version: 1, name: 'chat',
      steps: [
        { step: 'connect', as: '9bad', url: 'ws://a' },
        { step: 'expect', timeoutMs: 'soon', regex: '(', json: { '$..a': 1 } },
        { step: 'teleport' },
        { step: 'parallel', branches: [{ steps: [{ step: 'wait', ms: 1 }] }] },
        { step: 'wait', ms: 1, extra: true },
      ],
    };
    const parsed = scenarioFileSchema.safeParse(raw);
    if (parsed.success) throw new Error('passed');
    const lines = fileProblems('scenarios/chat.json', raw, parsed.error).map((problem) => renderMessage(chinese, fileProblemText(problem)));
    expect(lines).toContain('scenarios/chat.json：第 1 步（connect），字段 as：连接别名以字母开头，后接最多 39 个字母、数字、"_" 或 "-"');
    expect(lines).toContain('scenarios/chat.json：第 2 步（expect），字段 timeoutMs：应为数字');
    expect(lines).toContainEqual(expect.stringMatching(/^scenarios\/chat\.json：第 2 步（expect），字段 regex：不是有效的正则表达式：Invalid regular expression: /));
    expect(lines).toContain('scenarios/chat.json：第 2 步（expect），字段 json["$..a"]：无法从 "..a" 起读取 JSON 路径 "$..a"（支持：$、.name、[\'name\']、[0]、[*]）');
    expect(lines).toContain('scenarios/chat.json：第 3 步（teleport），字段 step：未知的步骤类型；应为 "connect", "send", "expect", "expect-close", "wait", "ping", "disconnect", "repeat", "parallel" 之一');
    expect(lines).toContain('scenarios/chat.json：第 4 步（parallel），字段 branches：至少 2 项');
    expect(lines).toContain('scenarios/chat.json：第 5 步（wait）：含有未知字段：extra');
    expect(lines.join('\n')).not.toMatch(/expected|must|unknown|Invalid input|Too small|step \d/);
  });

  it('name the message of a connection file', () => {
    const raw = { ...connection, messages: [connection.messages[0], { ...connection.messages[0], name: 'Again' }] };
    const parsed = connectionFileSchema.safeParse(raw);
    if (parsed.success) throw new Error('duplicate ids passed');
    expect(fileProblems('connections/chat.json', raw, parsed.error).map(formatFileProblem)).toEqual(['connections/chat.json: messages[1] (join), field id: another message already has the id "join"']);
  });
});

/** A failed outcome's reasons as the English lines reports keep. */
function inEnglish(outcome: MatchOutcome): unknown {
  return outcome.ok ? outcome : { ok: false, reasons: outcome.reasons.map(englishText) };
}

describe('expectations', () => {
  const event = { type: 'text' as const, text: '{"op":"event","data":{"items":[{"id":1},{"id":2}],"price":42.5}}' };
  it('match JSON paths (wildcards: any element), regexes and substrings, and capture values', () => {
    expect(matchMessage({ json: { '$.op': 'event', '$.data.items[*].id': 2, "$['data'].price": 42.5 }, regex: '"op":"ev', contains: 'price', capture: { first: '$.data.items[0].id', op: { regex: '"op":"(\\w+)"', group: 1 } } }, event))
      .toEqual({ ok: true, captures: { first: '1', op: 'event' } });
  });
  it('list every way a message falls short', () => {
    expect(inEnglish(matchMessage({ type: 'binary', json: { '$.op': 'ack', '$.missing': null }, regex: '^x' }, event))).toEqual({
      ok: false,
      reasons: ['type: expected a binary message, got a text one', 'regex /^x/ does not match', '$.op: expected "ack", got "event"', '$.missing: expected null, but the message has nothing there'],
    });
    expect(inEnglish(matchMessage({ json: { '$.a': 1 } }, { type: 'text', text: 'not json' }))).toMatchObject({ ok: false, reasons: [expect.stringMatching(/^not JSON: /)] });
    expect(inEnglish(matchMessage({ capture: { id: '$.nope' } }, event))).toEqual({ ok: false, reasons: ['capture id: $.nope is not in the message'] });
    expect(describeExpectation({ json: { '$.op': 'ack' }, contains: 'x' })).toBe('containing "x", $.op = "ack"');
  });
  it('word every reason in Chinese, quoting the JSON parser and the message\'s values as they are', () => {
    const chinese = createTranslate('zh-CN');
    const inChinese = (outcome: MatchOutcome): string[] => (outcome.ok ? [] : outcome.reasons.map((reason) => renderMessage(chinese, reason)));
    expect(inChinese(matchMessage({ type: 'binary', json: { '$.op': 'ack', '$.missing': null }, regex: '^x', contains: 'zz' }, event))).toEqual([
      '类型：应为二进制消息，收到的是文本消息',
      '正则表达式 /^x/ 不匹配',
      '不包含 "zz"',
      '$.op：应为 "ack"，实际为 "event"',
      '$.missing：应为 null，但消息中该处没有值',
    ]);
    const notJson = inChinese(matchMessage({ json: { '$.a': 1 } }, { type: 'text', text: 'not json' }));
    expect(notJson).toHaveLength(1);
    expect(notJson[0]).toMatch(/^不是 JSON：Unexpected token/);
    expect(inChinese(matchMessage({ capture: { id: '$.nope', n: { regex: 'q(x)', group: 1 } } }, event))).toEqual(['捕获 id：消息中没有 $.nope', '捕获 n：/q(x)/ 的第 1 组未匹配']);
    expect(inChinese(matchMessage({ protocol: { kind: 'RECEIPT' } }, { type: 'text', text: '\n' }))).toEqual(['未从中解码出任何协议消息']);
  });
  it('match in protocol terms: kind, summary and keep-alive of any protocol message decoded from the message', () => {
    const decoded = { protocol: 'stomp' as const, index: 3, direction: 'in' as const, atMicros: 10, seqs: [7], kind: 'MESSAGE', summary: 'STOMP MESSAGE /topic/a', isControl: false, tree: null, links: [], violations: [] };
    const message = { type: 'text' as const, text: 'MESSAGE\ndestination:/topic/a\n\nhi\u0000', protocol: [decoded] };
    expect(matchMessage({ protocol: { kind: 'MESSAGE', summaryIncludes: '/topic/a', isControl: false }, contains: 'hi' }, message)).toEqual({ ok: true, captures: {} });
    expect(inEnglish(matchMessage({ protocol: { kind: 'RECEIPT' } }, message))).toEqual({ ok: false, reasons: ['protocol: expected a protocol message RECEIPT, got "STOMP MESSAGE /topic/a"'] });
    expect(inEnglish(matchMessage({ protocol: { isControl: true } }, { type: 'text', text: '\n' }))).toEqual({ ok: false, reasons: ['no protocol message was decoded from it'] });
    expect(isKeepAliveOnly(message)).toBe(false);
    expect(isKeepAliveOnly({ type: 'text', text: '\n', protocol: [{ ...decoded, kind: 'heart-beat', summary: 'STOMP heart-beat', isControl: true }] })).toBe(true);
    expect(isKeepAliveOnly({ type: 'text', text: '\n' })).toBe(false);
    expect(describeExpectation({ protocol: { kind: 'MESSAGE', summaryIncludes: '/topic/a' }, contains: 'hi' })).toBe('a protocol message MESSAGE, its summary containing "/topic/a", containing "hi"');
  });
  it('parse only the supported JSONPath subset', () => {
    const parsed = parseJsonPath('$.a[-1]["b c"].*');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(selectJsonPath({ a: [0, { 'b c': { x: 1, y: 2 } }] }, parsed.steps)).toEqual([1, 2]);
    expect(parseJsonPath('a.b')).toMatchObject({ ok: false });
    expect(parseJsonPath('$[?(@.a)]')).toMatchObject({ ok: false });
  });
});

describe('scenario plans', () => {
  it('unroll repeats with their place and iteration, and refuse one too large', () => {
    const scenario = scenarioFileSchema.parse({ format: 'frameline-scenario', version: 1, name: 'x', steps: [{ step: 'connect', as: 'alice', url: 'ws://a' }, { step: 'repeat', times: 2, steps: [{ step: 'send', on: 'alice', text: 'hi' }, { step: 'wait', ms: 5 }] }] });
    const plan = planScenario(scenario);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.steps.map((step) => [step.path, step.iterations, step.title])).toEqual([
      ['1', [], 'connect alice to ws://a'],
      ['2.1', [1], 'send "hi" on alice'],
      ['2.2', [1], 'wait 5 ms'],
      ['2.1', [2], 'send "hi" on alice'],
      ['2.2', [2], 'wait 5 ms'],
    ]);
    expect(plan.nodes).toEqual([0, 1, 2, 3, 4].map((index) => ({ kind: 'step', index })));
    const huge = scenarioFileSchema.parse({ format: 'frameline-scenario', version: 1, name: 'x', steps: [{ step: 'repeat', times: 10000, steps: [{ step: 'repeat', times: 100, steps: [{ step: 'wait', ms: 0 }] }] }] });
    const refused = planScenario(huge);
    if (refused.ok) throw new Error('a scenario of 1,000,000 steps was planned');
    expect(refused.message).toBe("the scenario unrolls to more than 100000 steps; lower a repeat's times");
    expect(renderMessage(createTranslate('zh-CN'), refused.text)).toBe('场景展开后超过 100000 步；请减小 repeat 的 times');
  });

  it('plan the branches of a parallel step as nodes that run at once, their steps numbered by branch', () => {
    const scenario = scenarioFileSchema.parse({
      format: 'frameline-scenario', version: 1, name: 'chat',
      steps: [
        { step: 'connect', as: 'alice', url: 'ws://a' },
        { step: 'connect', as: 'bob', url: 'ws://a' },
        { step: 'parallel', name: 'chat', branches: [
          { name: 'alice', steps: [{ step: 'send', on: 'alice', text: 'hi bob' }, { step: 'expect', on: 'alice', contains: 'hi alice' }] },
          { steps: [{ step: 'repeat', times: 2, steps: [{ step: 'expect', on: 'bob', type: 'text' }] }, { step: 'parallel', branches: [{ steps: [{ step: 'wait', ms: 1 }] }, { name: 'late', steps: [{ step: 'send', on: 'bob', json: { a: 1 } }] }] }] },
        ] },
        { step: 'disconnect', on: 'alice' },
      ],
    });
    const plan = planScenario(scenario);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.steps.map((step) => [step.path, step.iterations, step.branch?.path ?? null, step.branch?.name ?? null, step.title])).toEqual([
      ['1', [], null, null, 'connect alice to ws://a'],
      ['2', [], null, null, 'connect bob to ws://a'],
      ['3.1.1', [], '3.1', 'alice', 'send "hi bob" on alice'],
      ['3.1.2', [], '3.1', 'alice', 'expect containing "hi alice" on alice'],
      ['3.2.1.1', [1], '3.2', '2', 'expect a text message on bob'],
      ['3.2.1.1', [2], '3.2', '2', 'expect a text message on bob'],
      ['3.2.2.1.1', [], '3.2.2.1', '2/1', 'wait 1 ms'],
      ['3.2.2.2.1', [], '3.2.2.2', '2/late', 'send {"a":1} on bob'],
      ['4', [], null, null, 'disconnect 1000 on alice'],
    ]);
    expect(plan.nodes).toEqual([
      { kind: 'step', index: 0 },
      { kind: 'step', index: 1 },
      { kind: 'parallel', path: '3', branches: [
        [{ kind: 'step', index: 2 }, { kind: 'step', index: 3 }],
        [{ kind: 'step', index: 4 }, { kind: 'step', index: 5 }, { kind: 'parallel', path: '3.2.2', branches: [[{ kind: 'step', index: 6 }], [{ kind: 'step', index: 7 }]] }],
      ] },
      { kind: 'step', index: 8 },
    ]);
  });

  it('title steps as messages: English in reports, the reader’s language in the window', () => {
    const scenario = scenarioFileSchema.parse({
      format: 'frameline-scenario', version: 1, name: 'x',
      steps: [
        { step: 'connect', connection: 'shop' },
        { step: 'send', message: 'login', on: 'main' },
        { step: 'expect', type: 'binary', regex: '^ok', json: { '$.op': 'welcome', '$.n': 2 } },
        { step: 'expect-close', code: 1001, on: 'bob' },
        { step: 'ping', withinMs: 2000 },
        { step: 'send', hex: '00 ff' },
        { step: 'wait', ms: 50, name: '等一下' },
        { step: 'disconnect' },
      ],
    });
    const plan = planScenario(scenario);
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.steps.map((step) => step.title)).toEqual([
      'connect to shop',
      'send login',
      'expect a binary message, matching /^ok/, $.op = "welcome", $.n = 2',
      'expect close 1001 on bob',
      'ping, pong within 2000 ms',
      'send hex 00 ff',
      '等一下',
      'disconnect 1000',
    ]);
    const chinese = createTranslate('zh-CN');
    expect(plan.steps.map((step) => renderMessage(chinese, step.titleMessage))).toEqual([
      '连接到 shop',
      '发送 login',
      '期望 一条二进制消息，匹配 /^ok/，$.op = "welcome"，$.n = 2',
      'bob：期望以关闭码 1001 关闭',
      '发送 ping，2000 毫秒内应收到 pong',
      '发送十六进制 00 ff',
      '等一下',
      '以关闭码 1000 断开',
    ]);
  });
});
