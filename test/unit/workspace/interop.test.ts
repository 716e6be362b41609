import { describe, expect, it } from 'vitest';
import { defaultSessionOptions, sessionOptionsSchema } from '../../../shared/contract/session-options.js';
import { exportCommand } from '../../../shared/workspace/interop/command-export.js';
import { shellQuote } from '../../../shared/workspace/interop/shell-quote.js';
import { importCommandLine } from '../../../shared/workspace/interop/command-line-import.js';
import { importPostmanCollection } from '../../../shared/workspace/interop/postman-import.js';
import { postmanCollectionJson } from './postman-fixture.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { renderMessage, type Message } from '../../../shared/i18n/message.js';

const zh = createTranslate('zh-CN');

/** An import's error in English and in Chinese. */
function errorTexts(result: object): { en: string; zh: string } {
  if (!('error' in result)) throw new Error('the import succeeded');
  const text = result.error as Message;
  return { en: englishText(text), zh: renderMessage(zh, text) };
}

describe('Postman collection v2.1 import', () => {
  it('turns the WebSocket requests of a collection written by Postman’s SDK into connections and skips the HTTP one', () => {
    const result = importPostmanCollection(postmanCollectionJson());
    if ('error' in result) throw new Error(englishText(result.error));
    expect(result.connections.map((connection) => connection.name)).toEqual(['Streams / Quotes', 'Streams / Orders']);
    const [quotes, orders] = result.connections;
    expect(quotes!.options).toEqual({ url: '{{wsBase}}/quotes?symbol={{symbol}}', headers: [['X-Client', 'postman'], ['Authorization', 'Bearer {{token}}']] });
    expect(quotes!.description).toBe('Live quotes for one symbol.');
    expect(quotes!.messages).toEqual([
      { name: 'Message', description: '', kind: 'raw', mode: 'json', encoding: 'text', text: '{"action":"subscribe","symbol":"{{symbol}}"}' },
      { name: 'Unsubscribe', description: '', kind: 'raw', mode: 'text', encoding: 'text', text: '{"action":"unsubscribe"}' },
    ]);
    expect(orders!.options).toEqual({ url: 'ws://127.0.0.1:9000/orders', headers: [['Authorization', 'Bearer literal-postman-token']] });
    expect(result.environments).toEqual([{ name: 'Trading API', variables: [{ name: 'wsBase', value: 'wss://stream.example.test' }, { name: 'symbol', value: 'ACME' }] }]);
    expect(result.warnings.map(englishText)).toEqual(['Health (HTTP): not a WebSocket request (its URL is not ws:// or wss://); skipped']);
    expect(result.warnings.map((text) => renderMessage(zh, text))).toEqual(['Health (HTTP)：不是 WebSocket 请求（URL 不是 ws:// 或 wss://）；已跳过']);
  });

  it('names the field of a file that is not a v2.1 collection', () => {
    expect(errorTexts(importPostmanCollection({ info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json' }, item: [] }))).toEqual({
      en: 'not a Postman collection v2.1: info.schema: only Postman collections v2.0 and v2.1 are read',
      zh: '不是 Postman collection v2.1：info.schema：只能读取 Postman collection v2.0 和 v2.1',
    });
    expect(errorTexts(importPostmanCollection({ item: [] }))).toEqual({ en: 'not a Postman collection v2.1: info: expected an object', zh: '不是 Postman collection v2.1：info：应为对象' });
    expect(errorTexts(importPostmanCollection([]))).toEqual({ en: 'not a Postman collection v2.1: the file: expected an object', zh: '不是 Postman collection v2.1：文件本身：应为对象' });
    expect(importPostmanCollection({ info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json' }, item: [] })).toMatchObject({ field: 'info.schema', detail: { key: 'errors:import.postmanVersion' } });
  });
});

describe('wscat and websocat command lines', () => {
  it('reads a wscat command with quoting, headers, subprotocols, auth and TLS, and names what it drops', () => {
    const result = importCommandLine(`wscat -c 'wss://api.example.test/ws?room=1' -H "Authorization: Bearer abc def" --header=X-Id:7 -s chat -s v2.chat -o https://app.example.test --auth user:pa:ss -n --ca ./ca.pem -P`);
    if ('error' in result) throw new Error(englishText(result.error));
    const options = sessionOptionsSchema.parse(result.connections[0]!.options);
    expect(options.url).toBe('wss://api.example.test/ws?room=1');
    expect(options.headers).toEqual([['Authorization', 'Bearer abc def'], ['X-Id', '7'], ['Authorization', `Basic ${Buffer.from('user:pa:ss').toString('base64')}`]]);
    expect(options.subprotocols).toEqual(['chat', 'v2.chat']);
    expect(options.origin).toBe('https://app.example.test');
    expect(options.tls).toMatchObject({ insecure: true, caFile: './ca.pem' });
    expect(result.warnings.map(englishText)).toEqual(['-P only changes how wscat prints or reads; dropped']);
    expect(result.warnings.map((text) => renderMessage(zh, text))).toEqual(['-P 只影响 wscat 的输出或输入方式；已忽略']);
  });

  it('reads a websocat command with a SOCKS5 proxy and a ping interval', () => {
    const result = importCommandLine('websocat -k --protocol chat,json -H=X-A:1 --ping-interval 15 --socks5 127.0.0.1:1080 -t ws://127.0.0.1:8080/x');
    if ('error' in result) throw new Error(englishText(result.error));
    const options = sessionOptionsSchema.parse(result.connections[0]!.options);
    expect(options).toMatchObject({ url: 'ws://127.0.0.1:8080/x', headers: [['X-A', '1']], subprotocols: ['chat', 'json'], heartbeat: { autoPingIntervalMs: 15_000 }, proxy: { kind: 'socks5', host: '127.0.0.1', port: 1080 } });
    expect(options.tls.insecure).toBe(true);
  });

  it('names every flag it drops in the reader’s language', () => {
    const result = importCommandLine('websocat --ping-interval soon --buffer-size 64 --client-pkcs12-der id.p12 --frobnicate -H NoColon ws://127.0.0.1:9/');
    if ('error' in result) throw new Error(englishText(result.error));
    expect(result.warnings.map((text) => renderMessage(zh, text))).toEqual([
      '--ping-interval "soon" 不是秒数',
      '--buffer-size 64 在保存的连接中没有对应项；已忽略',
      'PKCS#12 客户端身份无法带过来；请改为设置证书文件和私钥文件',
      '无法识别 --frobnicate；已忽略',
      '请求头 "NoColon" 不是“Name: value”形式',
    ]);
    expect(englishText(result.warnings[1]!)).toBe('--buffer-size 64 has no counterpart in a saved connection; dropped');
  });

  it('refuses anything that is not one wscat or websocat command', () => {
    expect(errorTexts(importCommandLine('curl https://x'))).toEqual({ en: 'not a wscat or websocat command (it starts with "curl")', zh: '不是 wscat 或 websocat 命令（它以 "curl" 开头）' });
    expect(errorTexts(importCommandLine('wscat -c ws://a | tee log'))).toEqual({
      en: 'the command line holds shell operators, globs or comments; paste one wscat or websocat command',
      zh: '命令行中含有 shell 运算符、通配符或注释；请粘贴单条 wscat 或 websocat 命令',
    });
    expect(errorTexts(importCommandLine('websocat -k'))).toEqual({ en: 'no ws:// or wss:// URL in the websocat command', zh: 'websocat 命令中没有 ws:// 或 wss:// URL' });
    expect(errorTexts(importCommandLine('wscat -c ws://a -H'))).toEqual({ en: '-H needs a value', zh: '-H 需要一个值' });
  });

  it('copies a connection as each tool’s command, quoted for a POSIX shell, and says what a tool cannot carry', () => {
    const options = sessionOptionsSchema.parse({ ...defaultSessionOptions("wss://api.example.test/ws?a=1&b=it's"), headers: [['X-Key', '{{apiKey}}']], subprotocols: ['chat'], deflate: { enabled: true }, tls: { insecure: true } });
    expect(exportCommand('websocat', options)).toEqual({ command: `websocat -H 'X-Key: {{apiKey}}' --protocol chat -k 'wss://api.example.test/ws?a=1&b=it'\\''s'`, notCarried: [] });
    expect(exportCommand('wscat', options)).toEqual({ command: `wscat -c 'wss://api.example.test/ws?a=1&b=it'\\''s' -H 'X-Key: {{apiKey}}' -s chat -n`, notCarried: ['permessage-deflate'] });
    expect(exportCommand('frameline', options).command).toBe(`frameline connect 'wss://api.example.test/ws?a=1&b=it'\\''s' -H 'X-Key: {{apiKey}}' --subprotocol chat --deflate -k --protocol auto`);
    const socketIo = sessionOptionsSchema.parse({ ...defaultSessionOptions('ws://127.0.0.1:9/socket.io/?EIO=4&transport=websocket'), protocol: 'socket.io', protocolDuties: false });
    expect(exportCommand('frameline', socketIo).command).toBe(`frameline connect 'ws://127.0.0.1:9/socket.io/?EIO=4&transport=websocket' --protocol socket.io --no-protocol-duties`);
    expect(exportCommand('wscat', socketIo).notCarried).toEqual(['application protocol (socket.io) and its keep-alive']);
    expect(exportCommand('frameline', { ...socketIo, protocol: 'none' }).command).toBe(`frameline connect 'ws://127.0.0.1:9/socket.io/?EIO=4&transport=websocket'`);
    expect(shellQuote('plain-word_1.2:3/x')).toBe('plain-word_1.2:3/x');
  });

  it('round-trips: a copied wscat command imports back to the same handshake settings', () => {
    const options = sessionOptionsSchema.parse({ ...defaultSessionOptions('ws://127.0.0.1:9/p'), headers: [['A', 'b c'], ['D', "e'f"]], subprotocols: ['x', 'y'], origin: 'http://o' });
    const imported = importCommandLine(exportCommand('wscat', options).command);
    if ('error' in imported) throw new Error(englishText(imported.error));
    expect(sessionOptionsSchema.parse(imported.connections[0]!.options)).toMatchObject({ url: options.url, headers: options.headers, subprotocols: options.subprotocols, origin: options.origin });
  });
});
