import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { startSocketIoServer, type SocketIoServerPeer } from '../harness/socket-io-server.js';
import { createWorkspaceFixture, type WorkspaceFixture } from '../harness/workspace-fixture.js';
import { artifacts, frames, openInspector, type InspectorFixture } from './browser.js';
import { followTail, protocolComposer, screenshotBoth } from './protocol-steps.js';

// Protocol-mode messages in a workspace, in Chromium against the socket.io server (npm): saved from
// the composer's protocol mode into the connection file, sent again from the sidebar through the
// session's protocol layer.

const chromiumPeer = requirePeer('chromium');

function sidebar(page: Page) {
  return page.getByRole('complementary', { name: 'Workspace' });
}

function savedMessages(workspace: WorkspaceFixture): { name: string; kind: string; protocol?: string; message?: unknown }[] {
  return (JSON.parse(readFileSync(join(workspace.path, 'connections', 'shop.json'), 'utf8')) as { messages: { name: string; kind: string }[] }).messages;
}

/** What the timeline draws: sideways overflow, headers, Preview's width, cells cut short (Protocol and Preview may ellipsize), the hidden-for-width badge. */
const seeTimeline = (page: Page) =>
  page.evaluate(() => {
    const grid = document.querySelector<HTMLElement>('.frames-grid')!;
    const scroller = grid.querySelector<HTMLElement>('.frames-scroller')!;
    const isCut = (element: Element): boolean => element.scrollWidth > element.clientWidth;
    const headers = Array.from(grid.querySelectorAll('[role=columnheader]'));
    // Protocol and Preview are summaries that may ellipsize; every other cell must read whole.
    const cells = Array.from(grid.querySelectorAll('.frames-viewport [role=row] > [role=gridcell]')).filter((cell) => !cell.classList.contains('preview') && !cell.classList.contains('protocol'));
    const badge = document.querySelector('.columns-hidden-for-width');
    // Preview's readable start and wanted width: 24 and 40 characters of its own font, and the cell's padding and border.
    const previewStyle = getComputedStyle(grid.querySelector('.frames-viewport .cell.preview')!);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${previewStyle.fontStyle} ${previewStyle.fontWeight} ${previewStyle.fontSize} ${previewStyle.fontFamily}`;
    const previewPxFor = (characters: number): number => Math.ceil(context.measureText('0'.repeat(characters)).width) + 13;
    return {
      scroller: [scroller.scrollWidth, scroller.clientWidth],
      page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
      headers: headers.map((header) => header.textContent ?? ''),
      previewPx: Math.round(headers.at(-1)!.getBoundingClientRect().width),
      previewReadablePx: previewPxFor(24),
      previewWantedPx: previewPxFor(40),
      cutHeaders: headers.filter(isCut).map((header) => header.textContent),
      cellCount: cells.length,
      cutCells: cells.filter(isCut).map((cell) => cell.textContent),
      badge: badge?.textContent ?? null,
      badgeTitle: badge?.parentElement?.getAttribute('title') ?? null,
    };
  });

describe.skipIf(!chromiumPeer.isAvailable || !existsSync(join(rendererDirectory(), 'index.html')))('protocol messages in a workspace (window)', () => {
  let inspector: InspectorFixture;
  let page: Page;
  let socketIo: SocketIoServerPeer;
  let workspace: WorkspaceFixture;

  beforeAll(async () => {
    socketIo = await startSocketIoServer({ version: 4, pingIntervalMs: 700, pingTimeoutMs: 700 });
    workspace = createWorkspaceFixture();
    workspace.write('connections/shop.json', { format: 'frameline-connection', version: 1, id: 'shop', name: 'Chat server', protocol: 'socket.io', options: { url: '{{url}}' }, messages: [] });
    workspace.write('environments/local.json', { format: 'frameline-environment', version: 1, id: 'local', name: 'Local', variables: [{ name: 'url', value: socketIo.url }] });
    inspector = await openInspector('e2e-protocols-workspace');
    page = inspector.page;
    await sidebar(page).getByText('Open folder').first().click();
    await sidebar(page).getByRole('textbox', { name: 'Path of a workspace folder' }).fill(workspace.path);
    await sidebar(page).getByRole('button', { name: 'Open folder' }).click();
    await sidebar(page).getByText('Chat server').first().waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await inspector?.close();
    await socketIo?.stop();
    workspace?.root.remove();
  });

  it('saves protocol messages from the composer and sends them from the sidebar, the ack linked with its RTT', async () => {
    await sidebar(page).getByRole('button', { name: 'Connect', exact: true }).click();
    const bar = page.getByRole('toolbar', { name: 'Application protocol' });
    await expect.poll(() => bar.textContent(), { timeout: 10_000 }).toContain('Socket.IO');
    await protocolComposer(page, 'Socket.IO');
    const form = page.getByRole('form', { name: 'Protocol composer' });
    await form.getByLabel('Kind', { exact: true }).selectOption({ label: 'Connect namespace' });
    await form.getByLabel('Namespace', { exact: true }).fill('/chat');
    await form.getByRole('button', { name: 'Save to workspace' }).click();
    await expect.poll(() => savedMessages(workspace).length).toBe(1);
    await form.getByLabel('Kind', { exact: true }).selectOption({ label: 'Event' });
    await form.getByLabel('Namespace', { exact: true }).fill('/chat');
    await form.getByLabel('Event name', { exact: true }).fill('chat:message');
    await form.getByLabel('Arguments (JSON, as typed)', { exact: true }).fill('{"text":"saved in the workspace"}');
    await form.getByRole('button', { name: 'Save to workspace' }).click();
    await expect.poll(() => savedMessages(workspace).length).toBe(2);
    const [join, say] = savedMessages(workspace);
    expect(join).toMatchObject({ kind: 'protocol', protocol: 'socket.io', message: { kind: 'connect', namespace: '/chat' } });
    expect(say).toMatchObject({ kind: 'protocol', protocol: 'socket.io', message: { kind: 'event', namespace: '/chat', event: 'chat:message', argsJson: '{"text":"saved in the workspace"}', wantsAck: true } });

    await followTail(page);
    await sidebar(page).getByRole('treeitem', { name: new RegExp(join!.name) }).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => frames(page).getByRole('row').filter({ hasText: 'socket.io CONNECT /chat' }).count()).toBe(2);
    await sidebar(page).getByRole('treeitem', { name: new RegExp(say!.name) }).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => frames(page).getByRole('row').filter({ hasText: 'socket.io EVENT chat:echo /chat' }).count()).toBe(1);
    const ack = frames(page).getByRole('row').filter({ hasText: /socket\.io ACK id=\d+ \/chat/ });
    await expect.poll(() => ack.count()).toBe(1);
    await expect.poll(() => ack.textContent()).toMatch(/RTT \d/);
    await expect.poll(() => socketIo.events().filter((event) => event.kind === 'connect' && event.namespace === '/chat').length).toBe(1);
    await screenshotBoth(page, 'workspace-saved');
  });

  it('holds the timeline at 1024 px with the sidebar open and the protocol column shown: no sideways scroll, no cut cell, columns left out for width are counted', async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      if (language === 'zh-CN') await page.locator('select.language-switch').selectOption('zh-CN');
      for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
        await page.setViewportSize({ width, height });
        const show = page.getByRole('button', { name: 'Show the workspace sidebar' });
        if ((await show.count()) > 0) await show.click();
        await expect.poll(() => page.locator('.workspace-sidebar, [role=complementary]').first().isVisible()).toBe(true);
        await page.waitForTimeout(300);
        const seen = await seeTimeline(page);
        const where = `${language} at ${width} px`;
        expect(seen.scroller[0], `timeline, ${where}`).toBeLessThanOrEqual(seen.scroller[1]!);
        expect(seen.page[0], `page, ${where}`).toBeLessThanOrEqual(seen.page[1]!);
        expect(seen.cutHeaders, `cut headers, ${where}`).toEqual([]);
        expect(seen.cellCount, `cells checked, ${where}`).toBeGreaterThan(20);
        expect(seen.cutCells, `cut cells, ${where}`).toEqual([]);
        if (width === 1024) {
          // About 460 px: Preview keeps a readable start first, so Time goes with Protocol, FIN, RSV and Mask key; #, Dir, opcode, Length and Preview stay.
          expect(seen.badge, where).toMatch(language === 'en' ? /^5 hidden for width$/ : /^因宽度隐藏 5 列$/);
          expect(seen.badgeTitle, where).toMatch(language === 'en' ? /Time.*Protocol.*FIN.*RSV.*Mask key/ : /时间.*协议.*FIN.*RSV.*掩码键/);
          expect(seen.headers, where).toEqual(language === 'en' ? ['#', 'Dir', 'opcode', 'Length', 'Preview'] : ['#', '方向', 'opcode', '长度', '预览']);
          expect(seen.previewPx, where).toBeGreaterThanOrEqual(seen.previewReadablePx);
          // The sidebar folded (Alt+B): about 640 px, columns at their minimums with their labels whole, in either language.
          await page.keyboard.press('Alt+B');
          await expect.poll(async () => (await seeTimeline(page)).headers.length, { timeout: 5_000 }).toBeGreaterThan(5);
          const folded = await seeTimeline(page);
          expect(folded.scroller[0], `timeline folded, ${where}`).toBeLessThanOrEqual(folded.scroller[1]!);
          expect(folded.cutHeaders, `cut headers folded, ${where}`).toEqual([]);
          expect(folded.cutCells, `cut cells folded, ${where}`).toEqual([]);
          expect(folded.previewPx, `preview folded, ${where}`).toBeGreaterThanOrEqual(folded.previewReadablePx);
          await page.screenshot({ path: join(artifacts, `protocols-folded-sidebar-1024${language === 'en' ? '' : '-zh'}.png`) });
          await page.keyboard.press('Alt+B');
          await expect.poll(async () => (await seeTimeline(page)).headers.length, { timeout: 5_000 }).toBe(5);
        } else {
          expect(seen.badge, where).toBeNull();
          // Room for everything: Preview gets what it wants before the others grow to their widths.
          expect(seen.previewPx, where).toBeGreaterThanOrEqual(seen.previewWantedPx - 8);
          expect(seen.headers, where).toEqual(language === 'en' ? ['#', 'Time', 'Dir', 'opcode', 'Protocol', 'FIN', 'RSV', 'Mask key', 'Length', 'Preview'] : ['#', '时间', '方向', 'opcode', '协议', 'FIN', 'RSV', '掩码键', '长度', '预览']);
        }
        await page.screenshot({ path: join(artifacts, `protocols-sidebar-protocol-column-${width}${language === 'en' ? '' : '-zh'}.png`) });
      }
    }
    await page.locator('select.language-switch').selectOption('en');

    // Dragging a column's edge still chooses its width.
    const lengthTrackMaxPx = () => page.evaluate(() => {
      const header = document.querySelector<HTMLElement>('.frames-grid .header-row')!;
      const index = Array.from(header.querySelectorAll('[role=columnheader]')).findIndex((cell) => cell.textContent === 'Length');
      return Number(/minmax\(\d+px, (\d+)px\)/.exec(header.style.gridTemplateColumns.split(' minmax').map((track, at) => (at === 0 ? track : `minmax${track}`))[index]!)![1]);
    });
    const before = await lengthTrackMaxPx();
    const handle = (await page.getByRole('grid', { name: 'Frames' }).getByRole('columnheader', { name: 'Length' }).locator('.column-resize').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 60, handle.y + handle.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect.poll(lengthTrackMaxPx).toBeGreaterThan(before + 30);

    // Left out for width is not hidden by the user: the Columns menu still ticks Protocol; its reset puts the dragged width back.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('button', { name: /^Columns/ }).click();
    await expect.poll(() => page.getByRole('menuitem', { name: '☑ Protocol' }).count()).toBe(1);
    await page.getByRole('menuitem', { name: 'Reset column widths' }).click();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(lengthTrackMaxPx).toBe(before);
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
