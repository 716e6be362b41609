import { describe, expect, it } from 'vitest';
import { socksStepText, type VersionedSocksStep } from '../../../electron/engine/net/socks-step-text.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';

const english = createTranslate('en');
const chinese = createTranslate('zh-CN');

// Every part and outcome a SOCKS exchange records, so each sentence is rendered in both languages.
const steps: Record<string, VersionedSocksStep> = {
  'method chosen': { version: 5, step: 'method', outcome: 'ok', offeredMethods: [0x00, 0x02], chosenMethod: 0x02 },
  'method none acceptable': { version: 5, step: 'method', outcome: 'refused', offeredMethods: [0x00], chosenMethod: 0xff },
  'method not offered': { version: 5, step: 'method', outcome: 'refused', offeredMethods: [0x00], chosenMethod: 0x01 },
  'method private': { version: 5, step: 'method', outcome: 'refused', offeredMethods: [0x00], chosenMethod: 0x80 },
  'method not SOCKS': { version: 5, step: 'method', outcome: 'invalid', offeredMethods: [0x00], detail: 'answered 48 54 54 50, not SOCKS version 5' },
  'method hung up': { version: 5, step: 'method', outcome: 'closed', offeredMethods: [0x00] },
  'auth accepted': { version: 5, step: 'auth', outcome: 'ok', authStatus: 0 },
  'auth rejected': { version: 5, step: 'auth', outcome: 'refused', authStatus: 1 },
  'auth socket error': { version: 5, step: 'auth', outcome: 'error', detail: 'read ECONNRESET' },
  'request granted, remote DNS': { version: 5, step: 'request', outcome: 'ok', target: 'a.test:80', resolution: 'remote', reply: 0, boundAddress: '::1', boundPort: 4000 },
  'request refused, local DNS': { version: 5, step: 'request', outcome: 'refused', target: '127.0.0.1:80', resolution: 'local', resolvedName: 'localhost', reply: 2 },
  'request unassigned reply': { version: 5, step: 'request', outcome: 'refused', target: '127.0.0.1:80', resolution: 'address', reply: 0x2a },
  'request unanswered': { version: 5, step: 'request', outcome: 'no-answer', target: 'a.test:80', resolution: 'remote' },
  'SOCKS4 granted': { version: 4, step: 'request', outcome: 'ok', target: '127.0.0.1:80', resolution: 'local', resolvedName: 'localhost', reply: 90, boundAddress: '0.0.0.0', boundPort: 0 },
  'SOCKS4a rejected': { version: 4, step: 'request', outcome: 'refused', target: 'a.test:80', resolution: 'remote', reply: 91 },
  'SOCKS4 identd': { version: 4, step: 'request', outcome: 'refused', target: '127.0.0.1:80', resolution: 'address', reply: 92 },
};

describe('SOCKS step sentences', () => {
  it.each(Object.entries(steps))('%s reads in English and Chinese, no key left unrendered', (_name, facts) => {
    const text = socksStepText(facts);
    const words = [renderMessage(english, text), renderMessage(chinese, text)];
    for (const each of words) expect(each).not.toMatch(/failure:|doctor:|\{\{/);
    expect(words[1]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the reply code with its RFC 1928 §6 words and the bound address', () => {
    expect(renderMessage(english, socksStepText(steps['request granted, remote DNS']!))).toBe('CONNECT a.test:80 (remote DNS, socks5h: the proxy resolves the name): reply 0x00 (succeeded), bound address [::1]:4000');
    expect(renderMessage(english, socksStepText(steps['request refused, local DNS']!))).toBe('CONNECT 127.0.0.1:80 (local DNS, socks5: localhost resolved here): reply 0x02 (connection not allowed by ruleset)');
    expect(renderMessage(chinese, socksStepText(steps['request refused, local DNS']!))).toBe('CONNECT 127.0.0.1:80（本地 DNS，socks5：localhost 在本机解析）：应答码 0x02（规则集不允许此连接）');
    expect(renderMessage(english, socksStepText(steps['SOCKS4a rejected']!))).toBe('CONNECT a.test:80 (SOCKS4a: the proxy resolves the name): reply 91 (request rejected or failed)');
  });

  it('says which methods were offered and which one the proxy chose, or that it accepts none', () => {
    expect(renderMessage(english, socksStepText(steps['method none acceptable']!))).toBe('offered 0x00 (no authentication required); the proxy accepts none of them: 0xff (no acceptable methods)');
    expect(renderMessage(chinese, socksStepText(steps['method chosen']!))).toBe('提供了 0x00（无需认证）和 0x02（用户名/密码）；代理选择了 0x02（用户名/密码）');
  });
});
