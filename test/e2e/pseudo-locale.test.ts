import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../harness/free-port.js';
import { startNginx, type NginxPeer } from '../harness/nginx.js';
import { requirePeer } from '../harness/require-peer.js';
import { createTempDir, type TempDir } from '../harness/temp-dir.js';
import { connectWs } from '../harness/ws-client.js';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, openInspector, type InspectorFixture } from './browser.js';
import { buildPseudoRenderer, engineText, pseudoLocalise, unlocalisedText } from './pseudo-locale.js';
import { runCli } from '../integration/cli/run-cli.js';

const chromiumPeer = requirePeer('chromium');
const nginxPeer = requirePeer('nginx');

/** The parts of the window: each view (shown by its tab) with its bar and workspace, and the frame around them. */
const areas = {
  inspect: { tab: 'Inspect', roots: '.connection-bar, main.workspace' },
  doctor: { tab: 'Doctor', roots: '.connection-bar, main.workspace' },
  listen: { tab: 'Listen', roots: '.connection-bar, main.workspace' },
  conformance: { tab: 'Conformance', roots: '.connection-bar, main.workspace' },
  fanout: { tab: 'Fan-out', roots: '.connection-bar, main.workspace' },
  // The Relay view's own parts (its timeline and frame detail are the Inspect view's, converted with it).
  relay: { tab: 'Relay', roots: '.relay-bar, .relay-problem, .relay-side, .paused-queue, .inject-panel, .counterpart-bar' },
  frame: { tab: null, roots: '.session-tabs, .status-bar' },
} as const;
type Area = keyof typeof areas;

/**
 * Areas where every visible string must come from a catalogue. A view being converted can be left
 * out for a while: its leftovers are then reported on the test, not failed. Every view is in now.
 */
const strictAreas: readonly Area[] = ['inspect', 'doctor', 'listen', 'conformance', 'relay', 'fanout', 'frame'];

const pseudo = (english: string): string => pseudoLocalise(english);

async function show(page: Page, area: Area): Promise<void> {
  const tab = areas[area].tab;
  if (tab !== null) await page.getByRole('tablist', { name: pseudo('View') }).getByRole('tab', { name: pseudo(tab), exact: true }).click();
}

/** Runs the Doctor from its (pseudo-localised) form; `listenPort` turns on the path test. */
async function diagnose(page: Page, url: string, listenPort: number | null): Promise<void> {
  await show(page, 'doctor');
  await page.getByRole('textbox', { name: pseudo('URL') }).or(page.getByRole('textbox', { name: 'URL' })).fill(url);
  await page.getByRole('checkbox', { name: pseudo('Idle probe up to') }).setChecked(false);
  await page.getByRole('checkbox', { name: pseudo('Path test, backend on') }).setChecked(listenPort !== null);
  if (listenPort !== null) await page.getByRole('textbox', { name: pseudo('Listen port') }).fill(String(listenPort));
  await page.getByRole('button', { name: pseudo('Diagnose'), exact: true }).click();
  const verdict = page.getByRole('status', { name: pseudo('Verdict') });
  await expect.poll(async () => (await verdict.textContent()) ?? '', { timeout: 30_000 }).not.toContain(pseudo('Diagnosing {{url}}…').split('{{')[0]!);
  await page.getByRole('button', { name: pseudo('Diagnose'), exact: true }).waitFor({ timeout: 30_000 });
}

describe.skipIf(!chromiumPeer.isAvailable || !nginxPeer.isAvailable)('a pseudo-locale finds English left outside the catalogues', () => {
  let build: TempDir;
  let inspector: InspectorFixture;
  let echo: WsServerPeer;
  let misbehaving: WsServerPeer;
  let page: Page;
  const proxies: NginxPeer[] = [];

  beforeAll(async () => {
    build = createTempDir('pseudo-renderer');
    await buildPseudoRenderer(build.path);
    echo = await startWsServer();
    // A real `ws` echo server that answers "misbehave" with a frame of reserved opcode 0x3 (§5.2).
    misbehaving = await startWsServer({ rawReplies: { misbehave: Uint8Array.from([0x83, 0x02, 0x68, 0x69]) } });
    inspector = await openInspector('e2e-pseudo', { rendererDirectory: build.path });
    page = inspector.page;
  });
  afterAll(async () => {
    await inspector?.close();
    await Promise.all(proxies.map((proxy) => proxy.stop()));
    await echo?.stop();
    await misbehaving?.stop();
    build?.remove();
  });

  it('catches English that did not come from a catalogue (the check itself can fail)', async () => {
    await show(page, 'doctor');
    const root = page.locator(areas.doctor.roots);
    expect(await unlocalisedText(root)).toEqual([]);
    await page.locator('section.doctor').evaluate((section) => section.insertAdjacentHTML('afterbegin', '<p id="planted">Diagnose now</p>'));
    expect(await unlocalisedText(root)).toEqual(['Diagnose now']);
    await page.locator('#planted').evaluate((element) => element.remove());
  });

  it('the Doctor view shows only catalogue text: its form, a report through real nginx, a probe opened, and a path test', async () => {
    const dropping = await startNginx({ upstreamPort: echo.port, mode: 'no-upgrade-headers' });
    proxies.push(dropping);
    await diagnose(page, dropping.url, null);
    await page.locator('.probe-list summary').first().click();
    const root = page.locator(areas.doctor.roots);
    expect(await root.first().textContent()).toContain(pseudo('Diagnose'));
    expect(await unlocalisedText(root)).toEqual([]);
    await page.screenshot({ path: join(artifacts, '30-doctor-pseudo-locale.png') });

    const listenPort = await freePort();
    const downgrading = await startNginx({ upstreamPort: listenPort, mode: 'http1.0' });
    proxies.push(downgrading);
    await diagnose(page, downgrading.url, listenPort);
    // The path test's comparison is drawn a moment after the verdict settles.
    await expect.poll(() => page.getByRole('region', { name: pseudo('What the path did') }).count(), { timeout: 15_000 }).toBe(1);
    expect(await unlocalisedText(root)).toEqual([]);
  });

  it('Inspect and Listen filled with real traffic show only catalogue text: a session, a selected frame with its options, a listener with a client, its connection inspected', async ({ annotate }) => {
    await show(page, 'inspect');
    await page.getByRole('textbox', { name: pseudo('URL') }).fill(echo.url);
    await page.getByRole('button', { name: pseudo('Connect'), exact: true }).click();
    const composer = page.getByRole('region', { name: pseudo('Composer') });
    await expect.poll(() => composer.getByRole('button', { name: pseudo('Send'), exact: true }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await composer.getByRole('button', { name: pseudo('Text'), exact: true }).click();
    await composer.locator('.monaco-editor').click();
    await page.keyboard.type('{"pseudo":true}');
    await composer.getByRole('button', { name: pseudo('Send'), exact: true }).click();
    const grid = page.getByRole('grid', { name: pseudo('Frames') });
    await expect.poll(() => grid.getByRole('row').filter({ hasText: '{"pseudo":true}' }).count()).toBe(2);
    await grid.getByRole('row').filter({ hasText: '{"pseudo":true}' }).first().click();
    await composer.getByRole('button', { name: pseudo('Frame options'), exact: true }).click();
    const inspect = page.locator(areas.inspect.roots);
    expect(await unlocalisedText(inspect)).toEqual([]);
    await page.screenshot({ path: join(artifacts, '31-inspect-pseudo-locale.png') });

    await show(page, 'listen');
    await page.getByRole('textbox', { name: pseudo('Port') }).fill('0');
    await page.getByRole('textbox', { name: pseudo('Subprotocols to accept') }).fill('chat.v1');
    await page.getByRole('button', { name: pseudo('Start listening'), exact: true }).click();
    const listeners = page.getByRole('list', { name: pseudo('Listeners') });
    await expect.poll(() => listeners.textContent()).toMatch(/ws:\/\/127\.0\.0\.1:\d+\//);
    const url = /ws:\/\/127\.0\.0\.1:\d+\//.exec((await listeners.textContent()) ?? '')![0];
    const client = await connectWs(`${url}pseudo`, { protocols: ['chat.v1'] });
    client.socket.send('from a client');
    const connections = page.getByRole('table', { name: pseudo('Connections') });
    await expect.poll(() => connections.textContent()).toContain('GET /pseudo HTTP/1.1');
    expect(await unlocalisedText(page.locator(areas.listen.roots))).toEqual([]);
    await page.screenshot({ path: join(artifacts, '32-listen-pseudo-locale.png') });
    await connections.getByRole('button', { name: pseudo('Inspect'), exact: true }).first().click();
    await expect.poll(() => grid.getByRole('row').filter({ hasText: 'from a client' }).count()).toBeGreaterThan(0);
    expect(await unlocalisedText(inspect)).toEqual([]);
    expect(await unlocalisedText(page.locator(areas.frame.roots))).toEqual([]);
    const fromMain = await engineText(inspect);
    if (fromMain.length > 0) await annotate(`sentences main still writes in English (known gap): ${fromMain.map((text) => JSON.stringify(text)).join(', ')}`);
    client.socket.close();
  });

  it('the Relay view shows only catalogue text: a running relay, a relayed client, a paused message being edited, rules and the CA', async () => {
    const relay = await inspector.engine.run('startRelay', [{ port: 0, upstreamUrl: echo.url }, { breakpoints: [{ id: 'b', match: { pattern: 'pause me' } }] }]);
    await show(page, 'relay');
    await page.getByRole('button', { name: pseudo('+ Breakpoint') }).click();
    await page.getByRole('button', { name: pseudo('+ Rule') }).click();
    await page.getByRole('button', { name: pseudo('Show the CA') }).click();
    const client = await connectWs(relay.url);
    client.socket.send('pause me, please');
    const queue = page.getByRole('region', { name: pseudo('Paused') });
    await queue.getByRole('button', { name: pseudo('Edit'), exact: true }).click();
    await queue.locator('.paused-monaco .monaco-editor').waitFor();
    await page.locator('.ca-details').waitFor({ timeout: 30_000 });
    const root = page.locator(areas.relay.roots);
    expect(await unlocalisedText(root)).toEqual([]);
    await page.screenshot({ path: join(artifacts, '31-relay-pseudo-locale.png') });
    client.socket.close();
    await inspector.engine.run('stopRelay', [relay.relayId]);
  });

  it('the workspace editor shows only catalogue text: environments, variables, secrets, and a connection’s auto-reconnect', async () => {
    await show(page, 'inspect');
    await inspector.engine.run('saveWorkspaceConnection', [{ format: 'frameline-connection', version: 1, id: 'shop', name: 'Shop', options: { url: 'ws://127.0.0.1:9/' }, messages: [{ id: 'hello', name: 'Hello', kind: 'raw', mode: 'text', text: 'hi' }] }]);
    await inspector.engine.run('setWorkspaceSecrets', ['*', { 'shop.authorization': 'Bearer pseudo' }]);
    await page.getByRole('button', { name: pseudo('Edit environments, variables and secrets') }).click();
    const drawer = page.locator('.workspace-editor');
    await drawer.getByRole('textbox', { name: pseudo('Name of the new environment') }).fill('qa');
    await drawer.getByRole('button', { name: pseudo('Add environment') }).click();
    await drawer.getByRole('button', { name: pseudo('Add variable') }).click();
    await drawer.getByRole('textbox', { name: pseudo('Variable name'), exact: true }).fill('9token');
    await drawer.getByRole('checkbox', { name: pseudo('secret') }).check();
    await expect.poll(() => drawer.textContent()).toContain('shop.authorization');
    expect(await unlocalisedText(drawer)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: pseudo('More actions for {{name}}').replace('{{name}}', 'Shop') }).selectOption('settings');
    await drawer.getByRole('checkbox', { name: pseudo('Reconnect after an unexpected close') }).check();
    await drawer.getByRole('textbox', { name: pseudo('Base (ms)') }).fill('5');
    await expect.poll(() => drawer.getByRole('alert').count()).toBe(1);
    expect(await unlocalisedText(drawer)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('a frame with an RFC violation, a capture-budget warning and a connection failure are worded from catalogues', async () => {
    const inspect = page.locator(areas.inspect.roots);
    const grid = page.getByRole('grid', { name: pseudo('Frames') });
    const bar = page.locator('.connection-bar');
    await show(page, 'inspect');
    await bar.getByRole('textbox', { name: pseudo('URL') }).fill(misbehaving.url);
    await bar.getByRole('button', { name: pseudo('Connect'), exact: true }).click();
    const composer = page.getByRole('region', { name: pseudo('Composer') });
    await expect.poll(() => composer.getByRole('button', { name: pseudo('Send'), exact: true }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await composer.locator('.monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('misbehave');
    await composer.getByRole('button', { name: pseudo('Send'), exact: true }).click();
    const violating = grid.getByRole('row').filter({ has: page.locator('.badge-error') });
    await expect.poll(() => violating.count(), { timeout: 15_000 }).toBe(1);
    await violating.click();
    const reserved = pseudo('Opcode {{opcode}} is reserved (§5.2).').replace('{{opcode}}', '0x3');
    await expect.poll(() => page.getByRole('list', { name: pseudo('Violations') }).textContent()).toContain(reserved);
    expect(await violating.locator('.badge-error').getAttribute('title')).toContain(reserved);
    expect(await unlocalisedText(inspect)).toEqual([]);
    expect(await engineText(inspect)).toEqual([]);
    await page.screenshot({ path: join(artifacts, '33-violation-pseudo-locale.png') });

    // A capture whose record budget ran out, written by the command line, opened in the window.
    const folder = createTempDir('pseudo-budget');
    try {
      const file = folder.file('budget.frameline.json');
      const sends = Array.from({ length: 12 }, (_, index) => ['--send', `m${index}`]).flat();
      const run = await runCli(['connect', echo.url, ...sends, '--max-records', '10', '--wait', '0.5', '--capture', file]);
      expect(run.status).toBe(0);
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: pseudo('Open capture…') }).click();
      await (await chooser).setFiles(file);
      const budget = pseudo('The capture reached its budget of {{limit, number}} records; later frames are counted but not kept.').replace('{{limit, number}}', '10');
      await expect.poll(() => grid.textContent(), { timeout: 15_000 }).toContain(budget);
      expect(await unlocalisedText(inspect)).toEqual([]);
      expect(await engineText(inspect)).toEqual([]);
    } finally {
      folder.remove();
    }

    const refusedPort = await freePort();
    await bar.getByRole('textbox', { name: pseudo('URL') }).fill(`ws://127.0.0.1:${refusedPort}/`);
    await bar.getByRole('button', { name: pseudo('Connect'), exact: true }).click();
    const banner = page.locator('.connect-failure');
    const refused = pseudo('Connection refused: nothing listens on {{address}}').replace('{{address}}', `127.0.0.1:${refusedPort}`);
    await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toContain(refused);
    // Titles are not visible text, so the scan above does not see them: the state badge and the tab say why too.
    expect(await bar.locator('.state-badge').getAttribute('title')).toBe(refused);
    expect(await page.locator('.session-tabs [title*="127.0.0.1:' + refusedPort + '"]').first().getAttribute('title')).toContain(refused);
    expect(await unlocalisedText(inspect)).toEqual([]);
    expect(await engineText(inspect)).toEqual([]);
    await page.screenshot({ path: join(artifacts, '34-failure-pseudo-locale.png') });
  });

  it('every area: strict ones have no English left, the others are listed on the test as work to do', async ({ annotate }) => {
    const found: Partial<Record<Area, string[]>> = {};
    for (const area of Object.keys(areas) as Area[]) {
      await show(page, area);
      found[area] = await unlocalisedText(page.locator(areas[area].roots));
    }
    // The work left, for whoever converts the next view: on the test and as an artifact.
    writeFileSync(join(artifacts, 'pseudo-locale-english-left.json'), `${JSON.stringify(found, null, 2)}\n`);
    for (const area of Object.keys(areas) as Area[]) {
      if (strictAreas.includes(area)) expect({ area, english: found[area] }).toEqual({ area, english: [] });
      else if (found[area]!.length > 0) await annotate(`${area} (not yet converted): ${found[area]!.map((text) => JSON.stringify(text)).join(', ')}`);
    }
  });
});
