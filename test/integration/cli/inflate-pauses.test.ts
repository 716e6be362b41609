import { afterEach, describe, expect, it } from 'vitest';
import { startPythonWs, type PythonWsPeer } from '../../harness/python-ws.js';
import { requirePeer } from '../../harness/require-peer.js';
import { runCli } from './run-cli.js';

const python = requirePeer('python-websockets');
const mebibyte = 1024 * 1024;

let server: PythonWsPeer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/**
 * Issue 19's budget notes from the command line: python3-websockets floods eight 1 MiB messages
 * that compress about a thousand to one; at 2 MiB a second the session pauses reading, and before
 * its close says how often and how long, in the reader's language.
 */
describe.skipIf(!python.isAvailable)('the inflate-budget pauses printed by frameline connect', () => {
  const argv = (url: string, language: string): string[] => ['connect', url, '--deflate', '--max-inflated-per-second', String(2 * mebibyte), '--ping', '--wait', '4', '--lang', language];

  it('in Chinese (--lang zh-CN), with the count, the total and the longest pause', async () => {
    server = await startPythonWs({ perMessageDeflate: true, flood: { count: 8, bytes: mebibyte } });
    const run = await runCli(argv(server.url, 'zh-CN'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/warning 读取因每秒 2,097,152 字节的解压预算等待了 \d+ 次：共 [\d,]+ 毫秒，最长一次 [\d,]+ 毫秒。 \(budget=inflated-bytes-per-second limit=2097152\)/);
    expect(run.stdout).not.toContain('Reading waited');
  }, 60_000);

  it('in English (--lang en)', async () => {
    server = await startPythonWs({ perMessageDeflate: true, flood: { count: 8, bytes: mebibyte } });
    const run = await runCli(argv(server.url, 'en'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/warning Reading waited for the inflate budget of 2,097,152 bytes a second (once: [\d,]+ ms\.|\d+ times: [\d,]+ ms in all, the longest [\d,]+ ms\.) \(budget=inflated-bytes-per-second limit=2097152\)/);
  }, 60_000);
});
