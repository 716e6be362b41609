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

  /**
   * While open: python3-websockets floods 6 MiB of hardly compressible text over many socket reads,
   * so at 1 MiB a second reading waits again and again; stderr says how the pauses stand, a line
   * only when the figures moved and at most one per two seconds, and stdout's last warning has the
   * final figures.
   */
  const liveArgv = (url: string, language: string): string[] => ['connect', url, '--deflate', '--max-inflated-per-second', String(mebibyte), '--wait', '8', '--lang', language];
  const floodOptions = { perMessageDeflate: true, flood: { count: 24, bytes: 256 * 1024, isIncompressible: true } } as const;

  for (const [language, soFar, summary] of [
    ['en', /^Reading has waited for the inflate budget of 1,048,576 bytes a second (?:(\d+) times|once) so far: [\d,]+ ms(?: in all, the longest [\d,]+ ms)?\.$/, /warning Reading waited for the inflate budget of 1,048,576 bytes a second (\d+) times: /],
    ['zh-CN', /^到目前为止，读取因每秒 1,048,576 字节的解压预算等待了 (\d+) 次：共 [\d,]+ 毫秒，最长一次 [\d,]+ 毫秒。$/, /warning 读取因每秒 1,048,576 字节的解压预算等待了 (\d+) 次：/],
  ] as const) {
    it(`says the pauses so far on stderr while open, a bounded number of lines (--lang ${language})`, async () => {
      server = await startPythonWs(floodOptions);
      const run = await runCli(liveArgv(server.url, language));
      expect(run.status, run.stderr).toBe(0);
      const lines = run.stderr.split('\n').filter((line) => line !== '');
      expect(lines.length).toBeGreaterThan(0);
      // A first line may come after one pause ("once"); by the last, several have ended.
      const counts = lines.map((line) => {
        const match = soFar.exec(line);
        return match === null ? Number.NaN : Number(match[1] ?? 1);
      });
      expect(counts.every((count) => count >= 1), run.stderr).toBe(true);
      expect(counts.at(-1)).toBeGreaterThanOrEqual(2);
      // A line only when the figures moved (the unit test shows a thousand pauses in one interval make one line).
      counts.slice(1).forEach((count, index) => expect(count).toBeGreaterThanOrEqual(counts[index]!));
      lines.slice(1).forEach((line, index) => expect(line).not.toBe(lines[index]));
      const final = Number(summary.exec(run.stdout)?.[1]);
      expect(final).toBeGreaterThanOrEqual(counts.at(-1)!);
    }, 60_000);
  }
});
