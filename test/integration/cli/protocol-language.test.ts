import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameProtocol } from '../../../shared/contract/api-protocol.js';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { startGraphqlWsServer } from '../../harness/graphql-ws-server.js';
import type { RunningPeer } from '../../harness/running-peer.js';
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
