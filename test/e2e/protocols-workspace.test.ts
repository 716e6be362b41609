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

  it('holds the timeline at 1024 px with the sidebar open and the protocol column shown: columns shrink, nothing scrolls sideways', async () => {
    for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      const show = page.getByRole('button', { name: 'Show the workspace sidebar' });
      if ((await show.count()) > 0) await show.click();
      await sidebar(page).getByText('Chat server').first().waitFor();
      const header = page.getByRole('grid', { name: 'Frames' }).getByRole('columnheader', { name: 'Protocol' });
      await expect.poll(() => header.count()).toBe(1);
      await page.waitForTimeout(300);
      const widths = await page.evaluate(() => {
        const scroller = document.querySelector<HTMLElement>('.frames-scroller')!;
        return { scroller: [scroller.scrollWidth, scroller.clientWidth], page: [document.documentElement.scrollWidth, document.documentElement.clientWidth] };
      });
      expect(widths.scroller[0], `timeline at ${width} px`).toBeLessThanOrEqual(widths.scroller[1]!);
      expect(widths.page[0], `page at ${width} px`).toBeLessThanOrEqual(widths.page[1]!);
      await page.screenshot({ path: join(artifacts, `protocols-sidebar-protocol-column-${width}.png`) });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
