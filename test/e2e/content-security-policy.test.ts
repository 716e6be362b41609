import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { FramelineEngine } from '../../electron/engine/api/engine.js';
import { answerAppRequest, appOrigin } from '../../electron/page/app-scheme.js';
import { startWebHost, type WebHost } from '../../electron/web-host/web-host.js';
import { commandNames } from '../../shared/contract/api.js';
import { anyBridgeConnectSources, contentSecurityPolicy, electronConnectSources, webHostConnectSources } from '../../shared/security/content-security-policy.js';
import { requirePeer } from '../harness/require-peer.js';
import { createTempDir, type TempDir } from '../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, connect, frames, launchChromium } from './browser.js';
import { bundleFixture } from './fixtures/preview.js';

const chromiumPeer = requirePeer('chromium');

/** Collects CSP violations from the first moment of the page, before any of its scripts run. */
const violationRecorder = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sourceFile + ':' + event.lineNumber);
  });
`;

/** What a page reported while it was used. */
interface PageWatch {
  readonly problems: string[];
  readonly workers: string[];
  violations(): Promise<string[]>;
}

async function watch(page: Page): Promise<PageWatch> {
  const problems: string[] = [];
  const workers: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.addInitScript({ content: violationRecorder });
  return { problems, workers, violations: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations) };
}

/** Types into the composer's JSON editor: something that is not JSON, so the JSON worker must mark it. */
async function typeBrokenJson(page: Page): Promise<void> {
  const composer = page.getByRole('region', { name: 'Composer' });
  await composer.getByRole('button', { name: 'JSON', exact: true }).click();
  await composer.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('{"op": "subscribe", "ids": [1, 2,, 3]');
  // The JSON language worker validates the model and reports the errors as markers (squiggles).
  await expect.poll(() => composer.locator('.monaco-editor .squiggly-error').count(), { timeout: 20_000 }).toBeGreaterThan(0);
}

/** Both monaco workers came from the page's own origin. */
function expectWorkers(workers: readonly string[], origin: string): void {
  expect(workers.some((url) => /editor\.worker-[\w-]+\.js$/.test(url)), workers.join('\n')).toBe(true);
  expect(workers.some((url) => /json\.worker-[\w-]+\.js$/.test(url)), workers.join('\n')).toBe(true);
  for (const url of workers) expect(url.startsWith(`${origin}/assets/`), url).toBe(true);
}

/**
 * Issue 19 and issue 10, "prove in Chromium that the built renderer works under exactly that
 * policy": the built renderer served with the headers of Electron's frameline: scheme (the
 * protocol handler's own Response, since Electron's binary cannot run here) and with the page given
 * a `window.frameline` of the preload's shape; then the same under `frameline ui`'s web host.
 * monaco and both of its workers load, and nothing reports a violation or an error.
 */
describe.skipIf(!chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('the renderer under its Content-Security-Policy', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the build wrote the one policy into index.html', () => {
    const html = readFileSync(join(rendererDirectory(), 'index.html'), 'utf8');
    const metas = [...html.matchAll(/http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((match) => match[1]);
    expect(metas).toEqual([contentSecurityPolicy({ delivery: 'meta', connectSources: anyBridgeConnectSources })]);
  });

  describe("with the headers of Electron's frameline: scheme and the preload's window.frameline", () => {
    let server: Server;
    let origin: string;
    let page: Page;
    let watched: PageWatch;

    beforeAll(async () => {
      // Every response is the one Electron's protocol.handle gives for the same path.
      server = createServer((request, response) => {
        void answerAppRequest(new Request(`${appOrigin}${request.url ?? '/'}`, { method: request.method }), rendererDirectory()).then(async (answer) => {
          const headers: Record<string, string> = {};
          answer.headers.forEach((value, name) => (headers[name] = value));
          response.writeHead(answer.status, headers);
          response.end(Buffer.from(await answer.arrayBuffer()));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      watched = await watch(page);
      await page.addInitScript({ content: await bundleFixture() });
    });

    afterAll(async () => {
      await page?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    it('serves the page with exactly the Electron policy', async () => {
      const response = await page.goto(`${origin}/index.html?rate=0`);
      expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy({ delivery: 'header', connectSources: electronConnectSources }));
      // The page sees the preload's API: one function per command, and on.
      const keys = await page.evaluate(() => Object.keys((window as unknown as { frameline: object }).frameline).sort());
      expect(keys).toEqual([...commandNames, 'on'].sort());
    });

    it('loads monaco and both its workers, and reports no violation and no error', async () => {
      await page.getByRole('grid', { name: 'Frames' }).waitFor();
      await page.getByRole('tab', { name: /chat\.example\.test/ }).click();
      await page.getByRole('textbox', { name: 'Go to row' }).fill('11');
      await page.getByRole('textbox', { name: 'Go to row' }).press('Enter');
      const detail = page.getByRole('region', { name: 'Frame detail' });
      await detail.getByRole('tab', { name: 'JSON' }).click();
      await expect.poll(() => detail.locator('.monaco-editor .view-lines').textContent()).toContain('"type"');
      await page.getByRole('textbox', { name: 'URL' }).fill('ws://echo.example.test/socket');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await typeBrokenJson(page);
      expectWorkers(watched.workers, origin);
      await page.screenshot({ path: join(artifacts, '19-electron-policy.png') });
      expect(await watched.violations()).toEqual([]);
      expect(watched.problems).toEqual([]);
    });

    it('would have reported a violation: the recorder sees a blocked request', async () => {
      await page.evaluate(() => fetch('http://127.0.0.1:9/').catch(() => undefined));
      // Reported once per policy that forbids it: the header and the meta tag.
      await expect.poll(async () => (await watched.violations()).length).toBeGreaterThan(0);
      for (const violation of await watched.violations()) expect(violation).toMatch(/^connect-src http:\/\/127\.0\.0\.1:9\//);
    });
  });

  describe("under frameline ui's web host", () => {
    let temp: TempDir;
    let engine: FramelineEngine;
    let host: WebHost;
    let echo: WsServerPeer;
    let page: Page;
    let watched: PageWatch;

    beforeAll(async () => {
      temp = createTempDir('e2e-csp');
      echo = await startWsServer();
      engine = new FramelineEngine({ dataDirectory: temp.file('data') });
      host = await startWebHost({ engine, rendererDirectory: rendererDirectory() });
      page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      watched = await watch(page);
    });

    afterAll(async () => {
      await page?.close();
      await engine?.dispose();
      await host?.close();
      await echo?.stop();
      temp?.remove();
    });

    it('loads monaco and both its workers, opens the bridge, and reports no violation and no error', async () => {
      const response = await page.goto(host.launchUrl());
      expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy({ delivery: 'header', connectSources: webHostConnectSources(host.port) }));
      await connect(page, echo.url);
      await typeBrokenJson(page);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('{"op":"subscribe"}');
      await page.getByRole('region', { name: 'Composer' }).getByRole('button', { name: 'Send', exact: true }).click();
      const echoed = frames(page).getByRole('row').filter({ hasText: '{"op":"subscribe"}' });
      await expect.poll(() => echoed.count()).toBe(2);
      await echoed.last().click();
      const detail = page.getByRole('region', { name: 'Frame detail' });
      await detail.getByRole('tab', { name: 'JSON' }).click();
      await expect.poll(() => detail.locator('.monaco-editor .view-lines').textContent()).toContain('"subscribe"');
      expectWorkers(watched.workers, `http://127.0.0.1:${host.port}`);
      await page.screenshot({ path: join(artifacts, '20-web-host-policy.png') });
      expect(await watched.violations()).toEqual([]);
      expect(watched.problems).toEqual([]);
    });
  });
});
