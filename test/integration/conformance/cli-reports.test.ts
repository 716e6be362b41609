import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCapture } from '../../../electron/engine/capture/export/capture-open.js';
import { junitSchemaErrors } from '../../harness/junit-schemas.js';
import { startSilentServer } from '../../harness/silent-server.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { runCli } from '../cli/run-cli.js';


/** The `frameline conformance` command against the ws server, end to end: table, exit status, reports, captures. */
describe('frameline conformance', () => {
  let server: WsServerPeer;
  let output: string;

  beforeAll(async () => {
    server = await startWsServer();
    output = mkdtempSync(join(tmpdir(), 'frameline-conformance-'));
  });
  afterAll(async () => {
    await server.stop();
    rmSync(output, { recursive: true, force: true });
  });

  it('prints the table (exit 0: nothing FAILED), writes html, json and junit reports and every capture', async () => {
    const run = await runCli(['conformance', server.url, '--cases', '1.1.*,2.5,3.1,7.9.1,15.1,15.2', '--report', 'html,json,junit', '-o', output, '--captures', 'all', '--lang', 'en']);
    expect(run.stdout).toMatch(/Conformance · ws:\/\/127\.0\.0\.1:\d+\/ \(13 cases/);
    // ws refuses an unknown version with 400 and no Sec-WebSocket-Version list (§4.2.2 asks for one): NON-STRICT.
    expect(run.stdout).toMatch(/total\s+12\s+1\s+0\s+0\s+0/);
    expect(run.stdout).toContain('15.2      NON-STRICT     The server refused the request with HTTP 400 instead of 426.');
    const report = JSON.parse(readFileSync(join(output, 'report.json'), 'utf8')) as { runs: { cases: { id: string; verdict: string; reason: string; captureFile: string | null; sections: string[] }[] }[] };
    const cases = report.runs[0]!.cases;
    expect(cases.map((each) => each.id)).toEqual(['1.1.1', '1.1.2', '1.1.3', '1.1.4', '1.1.5', '1.1.6', '1.1.7', '1.1.8', '2.5', '3.1', '7.9.1', '15.1', '15.2']);
    expect(cases.find((each) => each.id === '3.1')).toMatchObject({ verdict: 'OK', reason: 'The server failed the connection with 1002.', sections: ['6455 §5.2'] });
    expect(run.status).toBe(0);
    for (const each of cases) {
      const opened = await openCapture({ fileName: each.captureFile!, bytes: readFileSync(join(output, each.captureFile!)) });
      expect(opened.ok, each.id).toBe(true);
    }
  });

  it('the JUnit report is valid against the Jenkins JUnit schema, and the validator does reject a broken one', async () => {
    const xml = readFileSync(join(output, 'junit.xml'), 'utf8');
    expect(await junitSchemaErrors(xml, 'jenkins')).toEqual([]);
    expect(xml).toMatch(/<testcase name="2\.5 A ping with a 126-byte payload[^"]*" classname="conformance\.group2"/);
    expect(await junitSchemaErrors(xml.replace('<testsuite name=', '<testsuite nom='), 'jenkins')).not.toEqual([]);
  });

  it('the HTML report is one file that fetches nothing, with every case expandable to its expectation, verdict and frames', () => {
    const html = readFileSync(join(output, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|url\(/i);
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<details id="direct-/g)).toHaveLength(13);
    const details = /<details id="direct-2\.5">([\s\S]*?)<\/details>/.exec(html)?.[1] ?? '';
    expect(details).toContain('A control frame carries at most 125 bytes');
    expect(details).toContain('(6455 §5.5)');
    expect(details).toMatch(/→ ping\s+FIN MASK [0-9a-f]{8}\s+len 126/);
    expect(details).toMatch(/← close\s+FIN\s+len 2\s+1002 Protocol Error/);
  });

  it('a server that never answers: each case is FAILED after its limit, the run ends, exit status 1', async () => {
    const silent = await startSilentServer();
    try {
      const run = await runCli(['conformance', `ws://127.0.0.1:${silent.port}/`, '--cases', '1.1.1,2.1', '--case-timeout', '1', '-o', output, '--report', 'json', '--lang', 'en']);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('1.1.1     FAILED         No answer to the opening handshake within 1 s.');
      expect(run.stdout).toMatch(/total\s+0\s+0\s+0\s+0\s+2/);
    } finally {
      await silent.stop();
    }
  });

  it('speaks Chinese when asked, and says which option is wrong', async () => {
    const run = await runCli(['conformance', server.url, '--cases', '1.1.1', '-o', output, '--report', 'json', '--lang', 'zh-CN']);
    expect(run.stdout).toContain('一致性测试');
    const wrong = await runCli(['conformance', server.url, '--cases', '1.x', '--lang', 'en']);
    expect([wrong.status, wrong.stderr.trim()]).toEqual([2, 'frameline: --cases: "1.x" is not a case pattern (e.g. 1.*, 6.4.*, 7.1.2)']);
    expect(existsSync(join(output, 'report.json'))).toBe(true);
  });
});
