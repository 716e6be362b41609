import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../harness/free-port.js';
import { startNginx, type NginxPeer } from '../../harness/nginx.js';
import { requirePeer } from '../../harness/require-peer.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { jsonLines, type CliRun } from './run-cli.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const nginx = requirePeer('nginx');
const isBuilt = existsSync(`${root}dist/electron/cli.js`);

/** Runs the built `node bin/frameline.js ARGV` with exactly these locale variables (nothing inherited). */
function runBin(argv: readonly string[], locale: Record<string, string>, timeoutMs = 30_000): Promise<CliRun> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...locale };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/frameline.js', ...argv], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status: status ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

describe.skipIf(!isBuilt)('the real CLI speaks the language of LANG and --lang', () => {
  it('help and usage errors follow LANG=zh_CN.UTF-8, LC_ALL over LANG, and --lang over both', async () => {
    expect((await runBin(['--help'], { LANG: 'zh_CN.UTF-8' })).stdout).toContain('用法：');
    expect((await runBin(['diagnose', '--help'], { LANG: 'zh_CN.UTF-8' })).stdout).toContain('路径诊断');
    expect((await runBin(['--help'], { LANG: 'zh_CN.UTF-8', LC_ALL: 'C' })).stdout).toContain('Usage:');
    expect((await runBin(['--help'], { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' })).stdout).toContain('用法：');
    expect((await runBin(['--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).stdout).toContain('Usage:');
    const mistake = await runBin(['listen'], { LANG: 'zh_CN.UTF-8' });
    expect(mistake).toMatchObject({ status: 2, stderr: 'frameline: listen 需要一个要监听的 [HOST:]PORT\n' });
    expect((await runBin(['listen', '--lang=en'], { LANG: 'zh_CN.UTF-8' })).stderr).toBe('frameline: listen needs a [HOST:]PORT to listen on\n');
  });

  it('a refused connection: connect and diagnose word it in Chinese; --json keeps the English text beside the message', async () => {
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}/`;
    const refused = await runBin(['connect', url], { LANG: 'zh_CN.UTF-8' });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain(`error 连接被拒绝：127.0.0.1:${port} 上没有程序在监听 (stage=tcp code=ECONNREFUSED)`);
    expect(refused.stdout).toContain('提示：检查端口是否正确、服务端是否在运行');
    expect(refused.stdout).toContain(`closed 连接被拒绝：127.0.0.1:${port} 上没有程序在监听`);
    expect(refused.stderr).toBe(`连接被拒绝：127.0.0.1:${port} 上没有程序在监听\n`);

    const error = jsonLines((await runBin(['connect', url, '--json'], { LANG: 'zh_CN.UTF-8' })).stdout).find((record) => record.kind === 'event' && record.name === 'error');
    expect(error).toMatchObject({ stage: 'tcp', message: `Connection refused: nothing listens on 127.0.0.1:${port}`, i18n: { message: { key: 'failure:tcp.refused', values: { address: `127.0.0.1:${port}` } }, hint: { key: 'failure:tcp.hint.refused' } } });

    const doctor = await runBin(['diagnose', url, '--no-idle'], { LANG: 'zh_CN.UTF-8' });
    expect(doctor.stdout).toMatch(new RegExp(`失败\\s+TCP 连接\\s+连接被拒绝：127\\.0\\.0\\.1:${port} 上没有程序在监听`));
    expect(doctor.stdout).toContain(`tcp 记录 #0：连接被拒绝：127.0.0.1:${port} 上没有程序在监听（ECONNREFUSED）`);
  });

  describe('a session with a real ws server', () => {
    let server: WsServerPeer;
    beforeAll(async () => {
      server = await startWsServer();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("prints the environment-proxy note and close code names in the reader's language; --json keeps English beside the message", async () => {
      const argv = ['connect', server.url, '--proxy-from-env', '--send', 'hi', '--close', '4001:bye'];
      const locale = { LANG: 'zh_CN.UTF-8', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1' };
      const chinese = await runBin(argv, locale);
      expect(chinese.status).toBe(0);
      expect(chinese.stdout).toContain('note 不经过环境变量里的代理，直接连接：NO_PROXY 里的“127.0.0.1”与 127.0.0.1 匹配');
      expect(chinese.stdout).toMatch(/→ close .* 4001 私有用途（4000–4999）: bye/);

      const english = await runBin([...argv, '--lang', 'en'], locale);
      expect(english.stdout).toContain('note no proxy from the environment: NO_PROXY entry "127.0.0.1" matches 127.0.0.1');
      expect(english.stdout).toMatch(/→ close .* 4001 Private Use \(4000–4999\): bye/);

      const note = jsonLines((await runBin([...argv, '--json'], locale)).stdout).find((record) => record.kind === 'event' && record.name === 'note');
      expect(note).toMatchObject({
        message: 'no proxy from the environment: NO_PROXY entry "127.0.0.1" matches 127.0.0.1',
        i18n: { message: { key: 'failure:environmentProxy.direct', values: { reason: { key: 'failure:environmentProxy.noProxyMatch' } } } },
      });
    });
  });

  describe.skipIf(!nginx.isAvailable)('a Doctor run through real nginx that drops the Upgrade headers', () => {
    let upstream: WsServerPeer;
    let proxy: NginxPeer;
    beforeAll(async () => {
      upstream = await startWsServer();
      proxy = await startNginx({ upstreamPort: upstream.port, mode: 'no-upgrade-headers' });
    });
    afterAll(async () => {
      await proxy?.stop();
      await upstream?.stop();
    });

    it("connect words the 426 in Chinese with the Doctor's reading of it", async () => {
      const refused = await runBin(['connect', proxy.url], { LANG: 'zh_CN.UTF-8' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toBe(`握手失败：127.0.0.1:${proxy.port} 返回 HTTP 426 Upgrade Required\n`);
      expect(refused.stdout).toContain('提示：有两种原因都符合这个响应，仅凭客户端无法区分；按可能性排序：(1) 路径上的某个代理没有转发 Upgrade 和 Connection 请求头');
      expect(refused.stdout).toContain('frameline diagnose');
      const english = await runBin(['connect', proxy.url, '--lang', 'en'], { LANG: 'zh_CN.UTF-8' });
      expect(english.stderr).toBe(`handshake failed: HTTP 426 Upgrade Required from 127.0.0.1:${proxy.port}\n`);
    });

    it('prints the report in Chinese under LANG=zh_CN.UTF-8, in English with --lang en, and --json in English either way', async () => {
      const chinese = await runBin(['diagnose', proxy.url, '--no-idle'], { LANG: 'zh_CN.UTF-8' });
      expect(chinese.status).toBe(1);
      expect(chinese.stdout).toContain('路径诊断 · ');
      expect(chinese.stdout).toMatch(/失败\s+WebSocket 握手/);
      expect(chinese.stdout).toContain('结论：426 响应来自 nginx');
      expect(chinese.stdout).toContain('proxy_set_header Upgrade $http_upgrade;');
      expect(chinese.stdout).toContain('# 放在 http 块中：');

      const english = await runBin(['diagnose', proxy.url, '--no-idle', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' });
      expect(english.stdout).toMatch(/FAIL\s+WebSocket handshake/);
      expect(english.stdout).toContain('Verdict: The 426 came from nginx');

      const json = JSON.parse((await runBin(['diagnose', proxy.url, '--no-idle', '--json'], { LANG: 'zh_CN.UTF-8' })).stdout) as { verdict: string; causes: Array<{ id: string; fix: Record<string, string> }>; hops: Array<{ id: string }> };
      expect(json.verdict).toMatch(/^The 426 came from nginx/);
      expect(json.causes.map((cause) => cause.id)).toEqual(['upgrade-headers-dropped', 'http-version-downgraded']);
      expect(json.causes[0]!.fix['nginx']).toContain('# in the http block:');
      expect(json.hops.map((hop) => hop.id)).toEqual(['nginx']);
    });
  });
});
