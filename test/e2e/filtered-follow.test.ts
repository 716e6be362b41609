import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDirectory } from '../../electron/app-paths.js';
import { requirePeer } from '../harness/require-peer.js';
import { WebSocketServer } from 'ws';
import { startWsServer, type WsServerPeer } from '../harness/ws-server.js';
import { artifacts, connect, frames, openInspector, type InspectorFixture } from './browser.js';

// A searched view that follows its end under a flood draws the rows that match with the batch that
// brings them: main carries the view's last rows in each records batch, so the window does not ask
// for them after that batch. Counted on the page's own bridge connection to the web host: from the
// first batch that carries the view, tail reads are no more than the batches that did not carry it
// (one whose scan would take longer than a step: the engine read a large backlog at once), where
// before every batch cost one.

const chromiumPeer = requirePeer('chromium');
const isBuilt = existsSync(join(rendererDirectory(), 'index.html'));
const floodSize = 100_000;
// The `ws` server writes the flood in slices with a turn of its event loop between them, so it
// arrives over many batches rather than in one read.
const sliceSize = 1_000;
const search = 'flood 7';
// `flood 7`, `flood 70`…`flood 79`, … `flood 70000`…`flood 79999`.
const matchCount = 1 + 10 + 100 + 1_000 + 10_000;

describe.skipIf(!chromiumPeer.isAvailable || !isBuilt)('a searched view following a flood', () => {
  let quiet: WsServerPeer;
  let flood: WebSocketServer;
  let floodUrl: string;
  let inspector: InspectorFixture;

  beforeAll(async () => {
    quiet = await startWsServer();
    flood = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    flood.on('connection', (socket) => {
      const sendSlice = (from: number): void => {
        if (from >= floodSize || socket.readyState !== socket.OPEN) return;
        for (let index = from; index < Math.min(floodSize, from + sliceSize); index += 1) socket.send(`flood ${index}`);
        setTimeout(() => sendSlice(from + sliceSize), 10);
      };
      sendSlice(0);
    });
    await new Promise<void>((resolve) => flood.once('listening', () => resolve()));
    floodUrl = `ws://127.0.0.1:${(flood.address() as { port: number }).port}/`;
    inspector = await openInspector('e2e-filtered-follow');
  });
  afterAll(async () => {
    await inspector?.close();
    for (const client of flood?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (flood ? flood.close(() => resolve()) : resolve()));
    await quiet?.stop();
  });

  it('draws the matching rows with each batch, without asking main for them after it', async () => {
    const { page } = inspector;
    const bridge = { sent: [] as string[], carried: 0, notCarriedAfterCarried: 0, tailReadsAfterCarried: 0 };
    page.on('websocket', (socket) => {
      socket.on('framesent', ({ payload }) => {
        const call = JSON.parse(String(payload)) as { command?: string };
        if (call.command === undefined) return;
        bridge.sent.push(call.command);
        if (call.command === 'getTailRecords' && bridge.carried > 0) bridge.tailReadsAfterCarried += 1;
      });
      socket.on('framereceived', ({ payload }) => {
        const message = JSON.parse(String(payload)) as { type?: string; event?: string; payload?: { views?: unknown[] } };
        if (message.type !== 'event' || message.event !== 'recordsAppended') return;
        if ((message.payload?.views?.length ?? 0) > 0) bridge.carried += 1;
        else if (bridge.carried > 0) bridge.notCarriedAfterCarried += 1;
      });
    });
    // The search is set on a quiet session first, so the flood's session opens under it.
    await connect(page, quiet.url);
    const count = page.locator('.timeline [aria-live="polite"]');
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toMatch(/\d+ rows?/);
    await page.locator('#timeline-search').fill(search);
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toBe('0 rows');
    await connect(page, floodUrl);
    const grid = frames(page);
    const last = 'flood 79999';
    await expect.poll(() => count.textContent(), { timeout: 60_000 }).toBe(`${matchCount.toLocaleString('en')} rows`);
    // Still following: the last match is drawn at the end without a key or scroll.
    await expect.poll(() => grid.getByRole('row').filter({ hasText: last }).count(), { timeout: 20_000 }).toBe(1);
    await page.screenshot({ path: join(artifacts, 'filtered-follow-end.png') });
    // Batches carried the view's rows, and from the first that did only a batch without them made the window ask.
    expect(bridge.carried).toBeGreaterThan(2);
    expect(bridge.tailReadsAfterCarried).toBeLessThanOrEqual(bridge.notCarriedAfterCarried);
    expect(bridge.sent).toContain('setTailRows');
  }, 120_000);
});
