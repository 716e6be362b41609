import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/contract/api.js';
import { fanoutReportSchema } from '../../../shared/contract/fanout.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { startBroadcastWsServer } from '../../harness/broadcast-ws-server.js';
import { startWsServer } from '../../harness/ws-server.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { runCli } from '../cli/run-cli.js';
import { PassThrough } from 'node:stream';
import { runFanoutCommand } from '../../../electron/cli/fanout-command.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { clientEventMessage } from '../../../shared/fanout/report-messages.js';

let server: Awaited<ReturnType<typeof startBroadcastWsServer>>;
let directory: TempDir;

beforeAll(async () => {
  server = await startBroadcastWsServer('solo');
  directory = createTempDir('fanout');
});
afterAll(async () => {
  await server?.stop();
  directory?.remove();
});

describe('the fan-out probe through the engine (the window’s path)', () => {
  it('runs, streams progress, finishes with the report; a client’s capture opens on demand as a fan-out session; the HTML report exports', async () => {
    const engine = new FramelineEngine({ dataDirectory: directory.path, downloadDirectory: directory.path, batchIntervalMs: 10 });
    const events: Array<{ name: EventName; payload: unknown }> = [];
    engine.onEvent((name, payload) => events.push({ name, payload }));
    try {
      const { fanoutId } = await engine.run('runFanout', [defaultSessionOptions(server.url), { clients: 6, senders: 2, messages: 20, ratePerSecond: 100 }]);
      const finished = await waitFor(events, 'fanoutFinished', (payload) => payload.fanoutId === fanoutId);
      expect(finished.outcome).toBe('finished');
      const report = fanoutReportSchema.parse(finished.report);
      expect([report.totals.expected, report.totals.delivered, report.totals.lost, report.backends.map((row) => row.backend)]).toEqual([240, 240, 0, ['solo']]);
      expect(events.some((event) => event.name === 'fanoutProgressed')).toBe(true);
      // No client became a session until asked: the window's tabs are not flooded.
      expect((await engine.run('listSessions', [])).filter((summary) => summary.origin?.kind === 'fanout')).toEqual([]);
      const { sessionId } = await engine.run('openFanoutClient', [fanoutId, 3]);
      const sessions = await engine.run('listSessions', []);
      expect(sessions.find((summary) => summary.id === sessionId)?.origin).toEqual({ kind: 'fanout', fanoutId, client: 3, attempt: 1 });
      expect((await engine.run('getRecords', [sessionId, 0, 200])).rows.filter((row) => row.kind === 'frame' && row.direction === 'in').length).toBeGreaterThanOrEqual(40);
      // Without a save dialog (the browser UI), the report becomes a one-time download under its suggested name.
      const exported = await engine.run('exportFanoutReport', [fanoutId, { format: 'html' }]);
      if (exported.kind !== 'download') throw new Error(`expected a download, got ${exported.kind}`);
      expect(exported.suggestedName).toMatch(/^frameline-fanout-\d+-[\w-]+\.html$/);
      const download = engine.takeDownload(exported.downloadId)!;
      const html = readFileSync(download.path, 'utf8');
      engine.releaseDownload(download);
      expect(html).toContain('<svg');
      expect(html).not.toMatch(/<script/i);
    } finally {
      await engine.dispose();
    }
  });
});

describe('frameline fanout', () => {
  it('prints the report, --json parses against the contract, --html and --captures write their files', async () => {
    const htmlFile = directory.file('report.html');
    const captures = directory.file('captures');
    const text = await runCli(['fanout', server.url, '--clients', '4', '--messages', '10', '--rate', '50', '--html', htmlFile, '--captures', captures]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('solo: 4 clients got every message once and in order');
    expect(readFileSync(htmlFile, 'utf8')).toContain('<svg');
    expect(readdirSync(captures).sort()).toEqual(['client-1.frameline.json', 'client-2.frameline.json', 'client-3.frameline.json', 'client-4.frameline.json']);
    expect(readFileSync(join(captures, 'client-2.frameline.json'), 'utf8')).toContain('"kind":"frame"');
    const json = await runCli(['fanout', server.url, '--clients', '3', '--messages', '5', '--rate', '50', '--json']);
    const report = fanoutReportSchema.parse(JSON.parse(json.stdout));
    expect([report.totals.delivered, report.totals.expected, report.clients.map((client) => client.backendSource)]).toEqual([15, 15, ['header:X-Served-By', 'header:X-Served-By', 'header:X-Served-By']]);
  });

  it('per-client variables reach the URL and headers of each client as the server received them', async () => {
    const echo = await startWsServer();
    try {
      const url = `${echo.url}room?client={{client}}`;
      const run = await runCli(['fanout', url, '--clients', '3', '--messages', '2', '--rate', '50', '--var', 'user=ann,bob', '-H', 'X-User: {{user}}', '--json']);
      const requests = echo.upgradeRequests().map((request) => [request.url, request.rawHeaders[request.rawHeaders.findIndex((name) => name === 'X-User') + 1]]);
      expect(requests.sort(), run.stderr).toEqual([['/room?client=1', 'ann'], ['/room?client=2', 'bob'], ['/room?client=3', 'ann']]);
      // An echo server sends each client only its own messages: the sender gets them all, the others none, and the report says so.
      const report = fanoutReportSchema.parse(JSON.parse(run.stdout));
      expect(report.clients.map((client) => [client.delivered, client.lost])).toEqual([[2, 0], [0, 2], [0, 2]]);
    } finally {
      await echo.stop();
    }
  });

  it('in Chinese, and a usage mistake is one line with exit status 2', async () => {
    const chinese = await runCli(['fanout', server.url, '--clients', '2', '--messages', '3', '--rate', '50', '--lang', 'zh-CN']);
    expect(chinese.stdout).toContain('个客户端每条消息都恰好按序收到一次');
    const wrong = await runCli(['fanout', server.url, '--senders', '0']);
    expect([wrong.status, wrong.stderr.trim()]).toEqual([2, 'frameline: match: with no senders, --match must say where the number is in the server broadcast']);
  });

  it('Ctrl-C mid-run ends it at once with the partial report (cancelled, what was sent so far)', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let printed = '';
    stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    stderr.resume();
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 1_500);
    const startedAt = performance.now();
    const status = await runFanoutCommand([server.url, '--clients', '4', '--messages', '1000', '--rate', '20', '--json'], { stdin: new PassThrough(), stdout, stderr, isStdinTerminal: false }, createTranslate('en'), 'en', interrupt.signal);
    expect(performance.now() - startedAt).toBeLessThan(10_000);
    const report = fanoutReportSchema.parse(JSON.parse(printed));
    expect([status, report.outcome]).toEqual([1, 'cancelled']);
    expect(report.sent).toBeGreaterThan(0);
    expect(report.sent).toBeLessThan(1000);
    expect(report.totals.expected).toBe(report.sent * 4);
  });

  it('a server that is not there: every client failed, exit status 1, the reason named', async () => {
    const run = await runCli(['fanout', 'ws://127.0.0.1:1/', '--clients', '2', '--messages', '3']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('2 clients never opened');
    expect(run.stdout).toMatch(/client 1: .*refused/i);
  });

  it('a server that is not there, in Chinese: each client’s reason is worded in Chinese; --json keeps the English beside the message', async () => {
    const run = await runCli(['fanout', 'ws://127.0.0.1:1/', '--clients', '1', '--messages', '1', '--lang', 'zh-CN']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('客户端 1：连接被拒绝：127.0.0.1:1 上没有程序在监听');
    const json = JSON.parse((await runCli(['fanout', 'ws://127.0.0.1:1/', '--clients', '1', '--messages', '1', '--json', '--lang', 'zh-CN'])).stdout) as { clients: { failure: string; failureText: { key: string } }[] };
    expect(json.clients[0]).toMatchObject({ failure: 'Connection refused: nothing listens on 127.0.0.1:1', failureText: { key: 'failure:tcp.refused' } });
    expect(run.stdout).toMatch(/\n {4}[\d.]+ ms 拨号\n/);
  });

  it('a client’s timeline notes are messages: after the storm drops it, reconnecting and dialling again are worded in Chinese, --json keeps the English', async () => {
    const htmlFile = directory.file('storm-zh.html');
    const run = await runCli(['fanout', server.url, '--clients', '4', '--messages', '30', '--rate', '20', '--kill', '50%', '--kill-at', '0.5', '--json', '--html', htmlFile, '--lang', 'zh-CN']);
    const report = fanoutReportSchema.parse(JSON.parse(run.stdout));
    const events = report.clients.flatMap((client) => client.timeline);
    const reconnecting = events.find((event) => event.kind === 'reconnecting');
    expect(reconnecting).toMatchObject({ detail: 'attempt 1', detailText: { key: 'fanout:note.attempt' } });
    const zh = createTranslate('zh-CN');
    expect(renderMessage(zh, clientEventMessage(reconnecting!))).toBe(`${reconnecting!.atMs} ms 正在重连：第 1 次尝试`);
    const redial = events.find((event) => event.kind === 'dial' && event.detail !== undefined);
    expect(redial).toMatchObject({ detail: 'attempt 2', detailText: { key: 'fanout:note.attempt', values: { attempt: 2 } } });
    expect(renderMessage(zh, clientEventMessage(redial!))).toBe(`${redial!.atMs} ms 拨号：第 2 次尝试`);
    // The HTML report shows each client's timeline as its row's tooltip, in the reader's language.
    expect(readFileSync(htmlFile, 'utf8')).toContain(`${redial!.atMs} ms 拨号：第 2 次尝试`);
  });
});

async function waitFor<E extends EventName>(events: Array<{ name: EventName; payload: unknown }>, name: E, where: (payload: EventPayload<E>) => boolean, timeoutMs = 30_000): Promise<EventPayload<E>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = events.find((event) => event.name === name && where(event.payload as EventPayload<E>));
    if (found) return found.payload as EventPayload<E>;
    if (Date.now() > deadline) throw new Error(`no ${name} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
