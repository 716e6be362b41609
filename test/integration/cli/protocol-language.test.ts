import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameProtocol } from '../../../shared/contract/api-protocol.js';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { startGraphqlWsServer } from '../../harness/graphql-ws-server.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSocketIoServer } from '../../harness/socket-io-server.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { jsonLines, runCli } from './run-cli.js';

// An application-protocol violation from a real session (npm graphql-ws as the server): the
// message Frameline sends lacks "type", and the GraphQL decoder flags it on the outgoing frame.

type ProtocolFrame = FrameRecordJson & { protocol?: Omit<FrameProtocol, 'isEvicted'> };

describe('an application-protocol violation in the reader’s language', () => {
  let server: RunningPeer & { readonly url: string };
  beforeAll(async () => {
    server = await startGraphqlWsServer();
  });
  afterAll(async () => server?.stop());

  const argv = (): string[] => ['connect', server.url, '--subprotocol', 'graphql-transport-ws', '--protocol', 'graphql-ws', '--send', '{"id":"1"}', '--wait', '0.5'];

  it('is worded in Chinese under --lang zh-CN, with its rule id and reference as written', async () => {
    const run = await runCli([...argv(), '--lang', 'zh-CN']);
    expect(run.stdout).toMatch(/! graphql-ws-no-type \([^)]*\): 消息不是带字符串 "type" 字段的对象。\n/);
    expect(run.stdout).toMatch(/≡ #1 graphql-ws 无法解析：消息不是带字符串 "type" 字段的对象。\n/);
    expect(run.stdout).not.toContain('is not an object with a string');
  });

  it('says why the protocol was chosen in Chinese under --lang zh-CN, and in English without', async () => {
    const zh = await runCli([...argv(), '--lang', 'zh-CN']);
    expect(zh.stdout).toMatch(/≡ 应用层协议：GraphQL[^（\n]*（由用户选择）\n/);
    const en = await runCli([...argv(), '--lang', 'en']);
    expect(en.stdout).toMatch(/≡ application protocol: GraphQL[^(\n]*\(chosen by the user\)\n/);
    const detected = await runCli(['connect', server.url, '--subprotocol', 'graphql-transport-ws', '--protocol', 'auto', '--send', '{"type":"ping"}', '--wait', '0.3', '--lang', 'zh-CN']);
    expect(detected.stdout).toMatch(/≡ 应用层协议：GraphQL[^（\n]*（服务器接受了子协议 graphql-transport-ws）\n/);
  });

  it('keeps --json language-neutral: the rule id, the English sentence and its message key', async () => {
    const frames = jsonLines((await runCli([...argv(), '--json', '--lang', 'zh-CN'])).stdout).filter((record): record is ProtocolFrame => record.kind === 'frame');
    const violation = frames.flatMap((frame) => frame.protocol?.messages ?? []).flatMap((message) => message.violations)[0];
    expect(violation).toMatchObject({
      rule: 'graphql-ws-no-type',
      message: 'The message is not an object with a string "type".',
      i18n: { key: 'protocols:violation.detail.graphqlNoType' },
    });
  });
});

describe('why Frameline’s protocol duties sent a message, in the reader’s language (npm socket.io v4)', () => {
  let server: RunningPeer & { readonly url: string };
  beforeAll(async () => {
    server = await startSocketIoServer({ version: 4, pingIntervalMs: 200, pingTimeoutMs: 400 });
  });
  afterAll(async () => server?.stop());

  it('says each pong answers an Engine.IO ping in Chinese; --json keeps the English and the message', async () => {
    const run = await runCli(['connect', server.url, '--protocol', 'socket.io', '--wait', '0.7', '--lang', 'zh-CN']);
    expect(run.stdout).toMatch(/≡ #\d+ [^\n]*由协议职责自动发送：应答 Engine\.IO ping\n/);
    expect(run.stdout).not.toContain('answer Engine.IO ping');
    const frames = jsonLines((await runCli(['connect', server.url, '--protocol', 'socket.io', '--wait', '0.7', '--json', '--lang', 'zh-CN'])).stdout).filter((record): record is ProtocolFrame => record.kind === 'frame');
    const pong = frames.flatMap((frame) => frame.protocol?.messages ?? []).find((message) => message.duty !== undefined);
    expect(pong).toMatchObject({ duty: 'answer Engine.IO ping', dutyText: { key: 'protocols:duty.engineIoPong' } });
  });
});

describe('a send the session refuses, in the reader’s language (the ws server)', () => {
  let server: WsServerPeer;
  beforeAll(async () => {
    server = await startWsServer();
  });
  afterAll(async () => server?.stop());

  it('a line typed after /close is refused in Chinese: the connection is closing', async () => {
    const run = await runCli(['connect', server.url, '--lang', 'zh-CN'], ['/close 1000 bye', 'too late']);
    expect(run.stderr).toContain('无法发送：连接关闭中\n');
    expect(run.stderr).not.toContain('cannot send');
    const english = await runCli(['connect', server.url, '--lang', 'en'], ['/close 1000 bye', 'too late']);
    expect(english.stderr).toContain('cannot send: the connection is closing\n');
  });
});
