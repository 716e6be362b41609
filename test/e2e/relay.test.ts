import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import type { SessionSummary } from '../../shared/contract/api-session.js';
import type { FrameRow } from '../../shared/contract/record-row.js';
import { createCertificates, type CertificateSet } from '../harness/certificates.js';
import { freePort } from '../harness/free-port.js';
import { requirePeer } from '../harness/require-peer.js';
import { startTlsWsServer, type TlsWsServerPeer } from '../harness/tls-ws-server.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, launchChromium, openInspector, type InspectorFixture } from './browser.js';

const chromiumPeer = requirePeer('chromium');
const opensslPeer = requirePeer('openssl');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));

/** The client app: a page whose script talks WebSocket to the URL in `?ws=`, as a real app would. */
const appPage = `<!doctype html><meta charset="utf-8"><title>app</title><script>
const socket = new WebSocket(new URLSearchParams(location.search).get('ws'));
window.received = [];
window.closes = [];
window.opened = new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = () => reject(new Error('socket error')); });
socket.onmessage = (event) => window.received.push(String(event.data));
socket.onclose = (event) => window.closes.push(event.code);
window.sendText = (text) => socket.send(text);
</script>`;

interface AppWindow {
  received: string[];
  opened: Promise<unknown>;
  sendText(text: string): void;
}

/** Opens the app page on `url` in `page` and waits until its WebSocket is open. */
async function openApp(page: Page, pageUrl: string, wsUrl: string): Promise<void> {
  await page.goto(`${pageUrl}?ws=${encodeURIComponent(wsUrl)}`);
  await page.evaluate(async () => {
    await (window as unknown as AppWindow).opened;
  });
}

async function appSends(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => (window as unknown as AppWindow).sendText(value), text);
}

async function appReceived(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as AppWindow).received]);
}

function relaySessions(summaries: readonly SessionSummary[]): Array<SessionSummary & { origin: Extract<SessionSummary['origin'], { kind: 'relay' }> }> {
  return summaries.filter((summary): summary is SessionSummary & { origin: Extract<SessionSummary['origin'], { kind: 'relay' }> } => summary.origin?.kind === 'relay');
}

/** Every frame row of a relay session, via the engine the window talks to. */
async function relayFrames(inspector: InspectorFixture, sessionId: string): Promise<FrameRow[]> {
  const page = await inspector.engine.run('getRecords', [sessionId, 0, 2000]);
  return page.rows.filter((row): row is FrameRow => row.kind === 'frame');
}

/** Each frame the relay wrote links to a frame it read on the other leg, with the same opcode and payload. */
function expectLinked(frames: readonly FrameRow[]): void {
  const bySeq = new Map(frames.map((frame) => [frame.seq, frame]));
  const written = frames.filter((frame) => (frame.leg === 'server' && frame.direction === 'out') || (frame.leg === 'client' && frame.direction === 'in'));
  expect(written.length).toBeGreaterThan(0);
  for (const frame of written) {
    if (frame.link === undefined) continue;
    const source = bySeq.get(frame.link);
    expect(source?.leg, `#${frame.seq} links to a frame on the other leg`).not.toBe(frame.leg);
    expect(source?.direction).toBe(frame.direction);
    expect(source?.opcode).toBe(frame.opcode);
  }
}

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('relay mode with Chromium', () => {
  let inspector: InspectorFixture;
  let ui: Page;
  let echo: WsServerPeer;
  let pages: Server;
  let pageUrl: string;

  beforeAll(async () => {
    echo = await startWsServer();
    pages = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(appPage);
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    const address = pages.address();
    pageUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/app.html`;
    inspector = await openInspector('e2e-relay');
    ui = inspector.page;
  });
  afterAll(async () => {
    await inspector?.close();
    await echo?.stop();
    await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
  });

  it('by URL: the window pauses a message at a breakpoint, the edited text is what the server receives and the page sees; a dropped one never arrives; an injected one does', async () => {
    const relayPort = await freePort();
    await ui.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Relay', exact: true }).click();
    const bar = ui.getByRole('form', { name: 'Relay' });
    await bar.getByRole('textbox', { name: 'Port' }).fill(String(relayPort));
    await bar.getByRole('textbox', { name: 'Server' }).fill(echo.url);
    await ui.getByRole('button', { name: '+ Breakpoint' }).click();
    const breakpoint = ui.getByLabel('Breakpoint break-1');
    await breakpoint.getByRole('combobox', { name: 'Direction' }).selectOption('out');
    await breakpoint.getByRole('textbox', { name: 'Pattern' }).fill('secret');
    await bar.getByRole('button', { name: 'Start relay' }).click();
    await expect.poll(() => ui.getByRole('list', { name: 'Relays' }).textContent()).toContain(`ws://127.0.0.1:${relayPort}/`);

    const app = await inspector.browser.newPage();
    await openApp(app, pageUrl, `ws://127.0.0.1:${relayPort}/`);
    await appSends(app, 'hello');
    await expect.poll(() => appReceived(app)).toEqual(['hello']);

    await appSends(app, 'the secret plan');
    const queue = ui.getByRole('region', { name: 'Paused' });
    const paused = queue.getByLabel('Paused message 1');
    await expect.poll(() => paused.textContent(), { timeout: 10_000 }).toContain('the secret plan');
    await paused.getByRole('button', { name: 'Edit', exact: true }).click();
    const editor = queue.locator('.paused-monaco .monaco-editor');
    await editor.click();
    await ui.keyboard.press('ControlOrMeta+A');
    await ui.keyboard.type('the public plan');
    await queue.getByRole('button', { name: 'Forward edited' }).click();
    await expect.poll(() => appReceived(app)).toEqual(['hello', 'the public plan']);

    await appSends(app, 'a secret to drop');
    const second = queue.getByLabel('Paused message 2');
    await expect.poll(() => second.textContent(), { timeout: 10_000 }).toContain('a secret to drop');
    await second.getByRole('button', { name: 'Drop', exact: true }).click();
    await appSends(app, 'after the drop');
    await expect.poll(() => appReceived(app)).toEqual(['hello', 'the public plan', 'after the drop']);
    expect(echo.receivedMessages().map((message) => message.data.toString())).toEqual(['hello', 'the public plan', 'after the drop']);

    const inject = ui.getByRole('region', { name: 'Inject' });
    await inject.getByRole('combobox', { name: 'Leg' }).selectOption('client');
    await inject.getByRole('textbox', { name: 'Message to inject' }).fill('a word from the relay');
    await inject.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => appReceived(app)).toEqual(['hello', 'the public plan', 'after the drop', 'a word from the relay']);

    // Both legs in one timeline, each forwarded frame linked to the one it came from.
    const timeline = ui.getByRole('grid', { name: 'Frames' });
    await expect.poll(() => timeline.textContent()).toContain('R→S');
    for (const cell of ['C→R', 'S→R', 'R→C', '⇄ #']) expect(await timeline.textContent()).toContain(cell);
    await ui.screenshot({ path: join(artifacts, 'relay-view.png') });
    const [session] = relaySessions(await inspector.engine.run('listSessions', []));
    const frames = await relayFrames(inspector, session!.id);
    expectLinked(frames);
    const texts = (leg: 'client' | 'server', direction: 'in' | 'out') => frames.filter((frame) => frame.leg === leg && frame.direction === direction && frame.opcode === 1).map((frame) => frame.payloadPreview);
    expect(texts('client', 'out')).toEqual(['hello', 'the secret plan', 'a secret to drop', 'after the drop']);
    expect(texts('server', 'out')).toEqual(['hello', 'the public plan', 'after the drop']);
    expect(texts('client', 'in')).toEqual(['hello', 'the public plan', 'after the drop', 'a word from the relay']);
    await app.close();
  });

  it('saved relay settings, loaded by the Relay view, fill its settings drawer with their upstream connection settings', async () => {
    await inspector.engine.run('saveRelaySettings', [{
      options: { port: 9555, upstreamUrl: echo.url, connection: { httpVersion: '1.0', proxy: { kind: 'http-connect', host: '127.0.0.1', port: 3128 }, connectTimeoutMs: 4321 } },
      interception: {},
    }]);
    // A new page (a fresh launch link) loads the settings afresh, as a window opened tomorrow would;
    // about:blank first, since the link differs from the page's URL only in its fragment.
    await ui.goto('about:blank');
    await ui.goto(inspector.host.launchUrl());
    await ui.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Relay', exact: true }).click();
    const bar = ui.getByRole('form', { name: 'Relay' });
    await expect.poll(() => bar.getByRole('textbox', { name: 'Port' }).inputValue()).toBe('9555');
    await bar.getByRole('button', { name: 'Settings', exact: true }).click();
    const drawer = ui.getByRole('complementary', { name: 'Connection settings' });
    expect(await drawer.locator('header').textContent()).toContain('Upstream connection settings of the relay');
    expect(await drawer.getByRole('spinbutton', { name: 'Connect timeout (ms)' }).inputValue()).toBe('4321');
    expect(await drawer.getByRole('combobox', { name: 'HTTP version' }).inputValue()).toBe('1.0');
    expect(await drawer.getByRole('combobox', { name: 'Kind', exact: true }).inputValue()).toBe('http-connect');
    expect(await drawer.getByRole('textbox', { name: 'Host', exact: true }).inputValue()).toBe('127.0.0.1');
    // Only what the relay's upstream connection takes: the client's own request brings the rest, which the note says.
    expect(await drawer.locator('.note').first().textContent()).toMatch(/^Subprotocols, Origin and the permessage-deflate offer come from the client's own request/);
    const ignored = ['Subprotocols (comma-separated, in order)', 'Origin', 'Offer permessage-deflate', 'Auto ping every (ms, 0 = off)', 'Answer pings automatically (auto pong)', 'Protocol errors', 'Protocol', 'Keep the protocol alive (pongs, heart-beats, PINGREQ)'];
    const fieldLabels = async () => [...(await drawer.locator('label.field > span').allTextContents()), ...(await drawer.locator('label.check').allTextContents())];
    const relayLabels = await fieldLabels();
    expect(ignored.filter((name) => relayLabels.includes(name))).toEqual([]);
    expect(relayLabels).toEqual(expect.arrayContaining(['HTTP version', 'Kind', 'Connect timeout (ms)', 'Server name (SNI)', 'Handshake timeout (ms)']));
    expect(await drawer.locator('legend').allTextContents()).toEqual(['Request', 'Proxy', 'Network', 'TLS (wss://)', 'Limits', 'Profile']);
    await ui.screenshot({ path: join(artifacts, 'relay-drawer-loaded.png') });
    await drawer.getByRole('button', { name: 'Close settings' }).click();
    // The connection bar's drawer keeps every field.
    await ui.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Inspect', exact: true }).click();
    await ui.getByRole('button', { name: 'Settings', exact: true }).first().click();
    expect(await fieldLabels()).toEqual(expect.arrayContaining(ignored));
    await drawer.getByRole('button', { name: 'Close settings' }).click();
  });

  describe.skipIf(!opensslPeer.isAvailable)('as Chromium\'s --proxy-server', () => {
    let certificates: CertificateSet;
    let secureEcho: TlsWsServerPeer;
    let browser: Browser;
    let relayId: string;

    beforeAll(async () => {
      certificates = await createCertificates();
      secureEcho = await startTlsWsServer({ certificates });
      // A proxy-only relay, trusting the test CA for its own connections to the wss server.
      const relay = await inspector.engine.run('startRelay', [{ port: 0, upstreamUrl: null, connection: { tls: { caFile: certificates.caCert } } }, {}]);
      relayId = relay.relayId;
      const ca = await inspector.engine.run('getRelayCa', []);
      // The generated CA passed to this Chromium only: its SPKI hash, and loopback traffic through the proxy too.
      browser = await launchChromium([`--proxy-server=${relay.url}`, '--proxy-bypass-list=<-loopback>', `--ignore-certificate-errors-spki-list=${ca.spkiSha256}`]);
    });
    afterAll(async () => {
      await browser?.close();
      if (relayId) await inspector.engine.run('stopRelay', [relayId]);
      await secureEcho?.stop();
      certificates?.remove();
    });

    it.each([
      ['ws', () => `ws://127.0.0.1:${echo.port}/through-proxy`],
      ['wss, with the relay\'s CA', () => `wss://localhost:${secureEcho.port}/through-proxy`],
    ])('%s: the page\'s WebSocket goes through the relay, both legs recorded and linked', async (_name, target) => {
      const app = await browser.newPage();
      const url = target();
      await openApp(app, pageUrl, url);
      await appSends(app, `via the proxy to ${url}`);
      await expect.poll(() => appReceived(app)).toEqual([`via the proxy to ${url}`]);
      const session = relaySessions(await inspector.engine.run('listSessions', [])).find((summary) => summary.origin.upstreamUrl === url);
      expect(session, `a relay session for ${url}`).toBeDefined();
      const frames = await relayFrames(inspector, session!.id);
      expectLinked(frames);
      const legs = new Set(frames.filter((frame) => frame.opcode === 1).map((frame) => `${frame.leg} ${frame.direction}`));
      expect([...legs].sort()).toEqual(['client in', 'client out', 'server in', 'server out']);
      await app.close();
    });
  });
});
