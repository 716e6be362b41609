import { readFileSync } from 'node:fs';
import { Collection } from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../shared/i18n/create-i18n.js';
import { renderMessage, type Message } from '../../../shared/i18n/message.js';
import { importApifoxExport } from '../../../shared/workspace/interop/apifox-import.js';

/**
 * The fixtures are written by hand: `apifox-postman-export.json` to the Postman Collection v2.1
 * schema (Postman's own SDK reads it back below), the other two with only the top-level fields that
 * identify Apifox's own project format and an OpenAPI document. None was produced by Apifox, which
 * cannot run here; docs/workspaces.md says what is documented and what is not.
 */
function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/apifox/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

const english = createI18n('en').t;
const chinese = createI18n('zh-CN').t;

/** The error of an import that must fail, with its message rendered in both languages. */
function refusal(json: unknown): { key: string; en: string; zh: string } {
  const result = importApifoxExport(json);
  if (!('error' in result)) throw new Error(`imported ${result.connections.length} connections; expected a refusal`);
  const error: Message = result.error;
  return { key: error.key, en: renderMessage(english, error), zh: renderMessage(chinese, error) };
}

describe('Apifox export import', () => {
  it('reads Apifox’s Postman Collection v2.1 export: the WebSocket request becomes a connection, the HTTP interface is skipped', () => {
    const json = fixture('apifox-postman-export.json');
    expect(new Collection(json as never).items.count()).toBe(2);
    const result = importApifoxExport(json);
    if ('error' in result) throw new Error(result.error.key);
    expect(result.connections).toEqual([
      {
        name: '推送 / 订阅行情',
        description: '实时行情推送',
        options: { url: '{{wsBase}}/market?lang=zh', headers: [['X-Tenant', '{{tenant}}'], ['Authorization', 'Bearer {{token}}']] },
        messages: [{ name: 'Message', description: '', kind: 'raw', mode: 'json', encoding: 'text', text: '{"op":"subscribe","channel":"ticker"}' }],
      },
    ]);
    expect(result.environments).toEqual([{ name: '行情服务', variables: [{ name: 'wsBase', value: 'wss://push.example.test' }, { name: 'tenant', value: 'acme' }] }]);
    expect(result.warnings.map((text) => renderMessage(chinese, text))).toEqual(['查询账户：不是 WebSocket 请求（URL 不是 ws:// 或 wss://）；已跳过']);
  });

  it('refuses Apifox’s own format, naming webSocketCollection when it has entries, in English and Chinese', () => {
    const native = fixture('apifox-native-project.json');
    const withWebSockets = refusal(native);
    expect(withWebSockets.key).toBe('workspace:apifox.nativeWebSockets');
    expect(withWebSockets.en).toMatch(/^webSocketCollection: Apifox does not document how its own project format stores WebSocket interfaces/);
    expect(withWebSockets.en).toContain('import a Postman Collection v2.1 export of the interfaces instead, or make the connection from its ws:// URL');
    expect(withWebSockets.zh).toMatch(/^webSocketCollection：Apifox 没有公开/);

    const withoutWebSockets = refusal({ ...native, webSocketCollection: [] });
    expect([withoutWebSockets.key, withoutWebSockets.en.split(':')[0], withoutWebSockets.zh.split('：')[0]]).toEqual(['workspace:apifox.native', 'apifoxProject', 'apifoxProject']);

    const taggedOnly = refusal({ $schema: { app: 'apifox', type: 'project' }, info: { name: 'x' } });
    expect([taggedOnly.key, taggedOnly.en.split(': ')[0]]).toEqual(['workspace:apifox.native', '$schema.app']);
  });

  it('refuses an OpenAPI export, naming its version field: OpenAPI has no place for a WebSocket interface', () => {
    const openApi = refusal(fixture('apifox-openapi-export.json'));
    expect([openApi.key, openApi.en.split(': ')[0]]).toEqual(['workspace:apifox.openApi', 'openapi']);
    expect(openApi.en).toContain('cannot hold a WebSocket interface');
    expect(openApi.zh).toContain('OpenAPI 文档描述的是 HTTP 操作');
    expect(refusal({ swagger: '2.0', info: { title: 'x' }, paths: {} }).en.split(': ')[0]).toBe('swagger');
  });

  it('names the wrong field of a broken Postman export, and says what it looked for in a file that is none of the three', () => {
    const wrongSchema = refusal({ ...fixture('apifox-postman-export.json'), info: { name: '行情服务', schema: 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json' } });
    expect(wrongSchema.key).toBe('workspace:apifox.postmanField');
    expect(wrongSchema.en).toBe('Apifox’s Postman Collection export: info.schema is wrong: only Postman collections v2.0 and v2.1 are read');
    expect(wrongSchema.zh).toBe('Apifox 导出的 Postman Collection 中 info.schema 有误：只能读取 Postman collection v2.0 和 v2.1');
    expect(refusal({ info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' } }).en).toMatch(/: item is wrong: /);

    const unknown = refusal({ name: 'not an export' });
    expect(unknown.key).toBe('workspace:apifox.unknown');
    for (const field of ['apifoxProject', 'info', 'item', 'openapi', 'swagger']) expect([unknown.en, unknown.zh].every((text) => text.includes(field)), field).toBe(true);
    expect(refusal([1, 2]).key).toBe('workspace:apifox.notObject');
    expect(refusal(null).key).toBe('workspace:apifox.notObject');
  });
});
