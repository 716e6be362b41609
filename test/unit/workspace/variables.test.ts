import { describe, expect, it } from 'vitest';
import { optionsTemplateSchema } from '../../../shared/workspace/connection-file.js';
import { messageRequest } from '../../../shared/workspace/message-request.js';
import { resolveOptions } from '../../../shared/workspace/resolve-options.js';
import { fillTemplate, templateVariables } from '../../../shared/workspace/template.js';
import { layerOf, VariableScope, type DynamicSource } from '../../../shared/workspace/variable-scope.js';
import { backoffDelayMs } from '../../../shared/workspace/backoff.js';

const dynamic: DynamicSource = { uuid: () => '11111111-2222-4333-8444-555555555555', nowMs: () => 1_700_000_123_456, randomBelow: (limit) => limit - 1 };

function scope(values: Record<string, string>, secrets: Record<string, string> = {}): VariableScope {
  return new VariableScope([layerOf('environment', values), layerOf('secrets', secrets, true)], dynamic);
}

describe('{{variable}} templates', () => {
  it('finds names, allows spaces inside the braces, and leaves other braces alone', () => {
    expect(templateVariables('{{a}} {{ b }} {{a}} {"x":{"y":1}} {{not a name}} {{$uuid}}')).toEqual(['a', 'b', '$uuid']);
    expect(fillTemplate('{"q":{{ n }}}', (name) => (name === 'n' ? '7' : undefined))).toEqual({ ok: true, text: '{"q":7}' });
    expect(fillTemplate('{{a}}{{b}}{{a}}', () => undefined)).toEqual({ ok: false, missing: ['a', 'b'] });
  });

  it('fills the dynamic values as Postman does, a fresh value per use', () => {
    let count = 0;
    const counting = new VariableScope([], { ...dynamic, uuid: () => `uuid-${++count}` });
    expect(counting.fill('{{$uuid}} {{$guid}} {{$timestamp}} {{$isoTimestamp}} {{$randomInt}}')).toEqual({ ok: true, text: 'uuid-1 uuid-2 1700000123 2023-11-14T22:15:23.456Z 1000' });
  });

  it('searches layers in order and remembers the secret values it handed out', () => {
    const layered = new VariableScope([layerOf('--var', { host: 'override' }), layerOf('environment', { host: 'env', user: 'u' }), layerOf('secrets', { token: 't0k' }, true)], dynamic);
    expect(layered.fill('{{host}} {{user}} {{token}}')).toEqual({ ok: true, text: 'override u t0k' });
    expect(layered.usedSecretValues).toEqual(['t0k']);
    expect(layered.allSecretValues).toEqual(['t0k']);
  });
});

describe('resolving a connection', () => {
  it('fills URL, header names and values, subprotocols and proxy fields, then validates the URL', () => {
    const template = optionsTemplateSchema.parse({
      url: '{{base}}/feed?u={{user}}',
      headers: [['X-{{kind}}', '{{token}}']],
      subprotocols: ['v1.{{user}}'],
      proxy: { kind: 'http-connect', host: '{{proxyHost}}', port: 3128, username: 'me', password: '{{proxyPassword}}' },
    });
    const resolved = resolveOptions(template, scope({ base: 'wss://h.test', user: 'ann', kind: 'Key', proxyHost: '127.0.0.1' }, { token: 'T', proxyPassword: 'P' }));
    expect(resolved).toMatchObject({ ok: true, options: { url: 'wss://h.test/feed?u=ann', headers: [['X-Key', 'T']], subprotocols: ['v1.ann'], proxy: { host: '127.0.0.1', password: 'P' } } });
  });

  it('names every missing variable and where it is used, before anything is sent', () => {
    const template = optionsTemplateSchema.parse({ url: 'ws://{{host}}/', headers: [['Authorization', 'Bearer {{token}}'], ['{{name}}', 'x']], subprotocols: ['{{proto}}'] });
    expect(resolveOptions(template, scope({}))).toEqual({
      ok: false,
      unresolved: [
        { variable: 'host', field: 'url' },
        { variable: 'token', field: 'header Authorization' },
        { variable: 'name', field: 'the name of header #2' },
        { variable: 'proto', field: 'subprotocols[0]' },
      ],
    });
  });

  it('reports a URL that is only invalid once filled in', () => {
    const template = optionsTemplateSchema.parse({ url: '{{base}}/x' });
    expect(resolveOptions(template, scope({ base: 'http://h' }))).toMatchObject({ ok: false, invalid: expect.stringContaining('url: URL must start with ws:// or wss://') });
  });
});

describe('saved messages', () => {
  const base = { id: 'm', name: 'M', description: '', kind: 'raw' as const };
  it('sends text and JSON as typed, with variables filled, never re-serialised', () => {
    expect(messageRequest({ ...base, mode: 'json', encoding: 'text', text: '{ "a" :  {{n}} }' }, scope({ n: '1' }))).toEqual({ ok: true, request: { type: 'text', data: '{ "a" :  1 }' } });
  });
  it('decodes hex and base64, and builds a close with its code', () => {
    expect(messageRequest({ ...base, mode: 'binary', encoding: 'hex', text: '01 02:{{b}}' }, scope({ b: 'ff' }))).toEqual({ ok: true, request: { type: 'binary', base64: 'AQL/' } });
    expect(messageRequest({ ...base, mode: 'ping', encoding: 'base64', text: 'aGk' }, scope({}))).toEqual({ ok: true, request: { type: 'ping', base64: 'aGk=' } });
    expect(messageRequest({ ...base, mode: 'close', encoding: 'text', closeCode: 4001, text: 'bye {{who}}' }, scope({ who: 'x' }))).toEqual({ ok: true, request: { type: 'close', code: 4001, reason: 'bye x' } });
    expect(messageRequest({ ...base, mode: 'binary', encoding: 'hex', text: 'zz' }, scope({}))).toEqual({ ok: false, unresolved: [], invalid: 'message m: the text is not valid hex' });
  });
  it('names a missing variable and sends nothing', () => {
    expect(messageRequest({ ...base, mode: 'text', encoding: 'text', text: 'hi {{who}}' }, scope({}))).toEqual({ ok: false, unresolved: [{ variable: 'who', field: 'message m' }] });
  });
  it('turns a protocol-mode message into its protocol input, variables filled in its strings only', () => {
    const message = { event: 'chat:message', kind: 'event', namespace: '/{{room}}', argsJson: '["{{text}}"', wantsAck: true };
    expect(messageRequest({ ...base, kind: 'protocol', protocol: 'socket.io', message }, scope({ room: 'chat', text: 'say "hi"' }))).toEqual({
      ok: true,
      protocolInput: { protocol: 'socket.io', input: { kind: 'event', namespace: '/chat', event: 'chat:message', argsJson: '["say "hi""', wantsAck: true } },
    });
    expect(messageRequest({ ...base, kind: 'protocol', protocol: 'mqtt', message: { type: 'PUBLISH', topic: '{{room}}' } }, scope({}))).toEqual({ ok: false, unresolved: [{ variable: 'room', field: 'message m' }] });
  });
  it('says why a protocol-mode message is not input its protocol takes', () => {
    expect(messageRequest({ ...base, kind: 'protocol', protocol: 'mqtt', message: { type: 'PUBLISH', qos: 'high' } }, scope({}))).toEqual({ ok: false, unresolved: [], invalid: 'message m is not a mqtt protocol message Frameline can send: qos: Invalid input: expected number, received string' });
    expect(messageRequest({ ...base, kind: 'protocol', protocol: 'xmpp', message: {} }, scope({}))).toMatchObject({ ok: false, invalid: expect.stringMatching(/^message m is not a xmpp protocol message Frameline can send: protocol: /) });
  });
});

describe('backoff', () => {
  const policy = { baseMs: 500, capMs: 8_000 };
  it('doubles up to the cap, with full jitter above a floor of half the base', () => {
    expect([1, 2, 3, 4, 5, 6, 30].map((attempt) => backoffDelayMs(policy, attempt, 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect([1, 2, 5].map((attempt) => backoffDelayMs(policy, attempt, 0))).toEqual([250, 250, 250]);
    expect(backoffDelayMs(policy, 3, 0.5)).toBe(1125);
  });
});
