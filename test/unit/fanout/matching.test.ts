import { describe, expect, it } from 'vitest';
import { backendFromHandshake, backendFromMessage } from '../../../shared/fanout/backend-detector.js';
import { defaultBackendRules, parseBackendRule } from '../../../shared/fanout/backend-rule.js';
import { fillTemplate, templateNames } from '../../../shared/fanout/message-template.js';
import { matcherFromRegExp, matcherFromTemplate } from '../../../shared/fanout/sequence-matcher.js';
import { defaultFanoutTemplate } from '../../../shared/contract/fanout.js';

describe('templates and reading numbers back', () => {
  const values = { run: 'r1', client: 3, seq: 42, sentAt: 1767225600123.5 };
  const sent = fillTemplate(defaultFanoutTemplate, values);
  const matcher = matcherFromTemplate(defaultFanoutTemplate, 'r1');

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(sent).toBe('{"fanout":"r1","client":3,"seq":42,"sentAt":1767225600123.5}');
    expect(fillTemplate('hi {{ user }} {{nope}}', { user: 'ann' })).toBe('hi ann {{nope}}');
    expect(templateNames('{{a}} {{b}} {{a}}')).toEqual(['a', 'b']);
  });

  it('reads sender, number and send time back from the message as sent', () => {
    expect(matcher(sent)).toEqual({ sender: 3, seq: 42, sentAtEpochMs: 1767225600123.5 });
  });

  it('through a server that wraps it in an object, re-serialises it with spaces, or wraps it as a JSON string', () => {
    expect(matcher(`{"node":"b1","msg":${sent}}`)?.seq).toBe(42);
    expect(matcher(JSON.stringify(JSON.parse(sent), null, 1))?.seq).toBe(42);
    expect(matcher(JSON.stringify({ node: 'b2', data: sent }))?.seq).toBe(42);
  });

  it('ignores another run’s messages and messages without a number', () => {
    expect(matcher(sent.replace('r1', 'r2'))).toBeNull();
    expect(matcher('{"welcome":true}')).toBeNull();
    expect(matcher('not json {')).toBeNull();
  });

  it('a template without {{seq}} is refused', () => {
    expect(() => matcherFromTemplate('hello {{client}}', 'r1')).toThrow(/\{\{seq\}\}/);
  });

  it('a user regex for the server’s own broadcast: seq required, client and sentAt optional', () => {
    const broadcast = matcherFromRegExp(/"tick":(?<seq>\d+)/);
    expect(broadcast('{"tick":7,"at":1}')).toEqual({ sender: 0, seq: 7, sentAtEpochMs: null });
    expect(broadcast('{"tock":7}')).toBeNull();
  });
});

describe('which backend', () => {
  const handshake = (headers: Array<[string, string]>) => ({ headers, headText: ['HTTP/1.1 101 Switching Protocols', ...headers.map(([n, v]) => `${n}: ${v}`)].join('\r\n') });

  it('by default from X-Upstream / X-Served-By, then HAProxy’s SERVERID cookie', () => {
    expect(backendFromHandshake(defaultBackendRules, handshake([['Server', 'nginx'], ['x-served-by', ' b2 ']]))).toEqual({ backend: 'b2', source: 'header:X-Served-By' });
    expect(backendFromHandshake(defaultBackendRules, handshake([['Set-Cookie', 'SERVERID=node3; path=/']]))).toEqual({ backend: 'node3', source: 'cookie:SERVERID' });
    expect(backendFromHandshake(defaultBackendRules, handshake([['Server', 'nginx']]))).toBeNull();
  });

  it('the user’s rules in their order: a header, a cookie, a regex over the head with a backend group', () => {
    const rules = ['header:Server', 'cookie:route', 'regex:upstream=(?<backend>[\\d.:]+)'].map(parseBackendRule);
    expect(backendFromHandshake(rules.slice(1), handshake([['Set-Cookie', 'a=1'], ['Set-Cookie', 'route="r7"; HttpOnly']]))).toEqual({ backend: 'r7', source: 'cookie:route' });
    expect(backendFromHandshake(rules.slice(2), handshake([['Via', 'upstream=127.0.0.1:9001']]))).toEqual({ backend: '127.0.0.1:9001', source: 'regex:upstream=(?<backend>[\\d.:]+)' });
  });

  it('from a field of a message, or a regex over messages', () => {
    const rules = ['field:meta.node', 'message-regex:served by (\\w+)'].map(parseBackendRule);
    expect(backendFromMessage(rules, '{"meta":{"node":"b3"}}')).toEqual({ backend: 'b3', source: 'field:meta.node' });
    expect(backendFromMessage(rules, 'hello, served by b1')).toEqual({ backend: 'b1', source: 'message-regex:served by (\\w+)' });
    expect(backendFromMessage(rules, '{"meta":{}}')).toBeNull();
  });

  it('a malformed rule is a clear error', () => {
    expect(() => parseBackendRule('X-Upstream')).toThrow(/header:NAME/);
    expect(() => parseBackendRule('banner:x')).toThrow(/unknown backend source 'banner'/);
    expect(() => parseBackendRule('regex:(')).toThrow();
  });
});
