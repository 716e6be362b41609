import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { RelayRegistry } from '../../../electron/engine/relay/relay-registry.js';
import type { EventName, EventPayload } from '../../../shared/contract/api.js';
import { relayOptionsSchema } from '../../../shared/contract/api-relay.js';
import { relayInterceptionSchema } from '../../../shared/contract/relay-interception.js';
import type { HttpExchange } from '../../../shared/contract/relay-http-exchange.js';
import { validateHar } from '../../harness/har-validator.js';
import { startSocketIoServer, type SocketIoServerPeer } from '../../harness/socket-io-server.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';

interface HarEntry {
  request: { method: string; url: string };
  response: { status: number; content: { text?: string } };
}

/** socket.io-client v4 through the relay: long-polling first (the HTTP exchanges), then the upgrade. */
async function connectThrough(relayPort: number): Promise<Socket> {
  const socket = io(`http://127.0.0.1:${relayPort}/chat`, { reconnection: false, timeout: 10_000 });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  if (socket.io.engine.transport.name !== 'websocket') await new Promise<void>((resolve) => socket.io.engine.once('upgrade', () => resolve()));
  return socket;
}

function bodyText(exchange: HttpExchange): string {
  return Buffer.from(exchange.response?.body.start ?? '', 'base64').toString('utf8');
}

/**
 * A stopped relay's HTTP exchanges through the engine's contract (the Relay view's list and its
 * Export HAR…): a socket.io v4 server, socket.io-client polling then upgrading through the relay,
 * the relay stopped, and only then the list and the export, as a user filing a bug report would.
 */
describe("a stopped relay's HTTP exchanges (socket.io v4 server, socket.io-client)", () => {
  let directory: TempDir;
  let server: SocketIoServerPeer | undefined;
  let client: Socket | undefined;
  let engine: FramelineEngine | undefined;
  const events: Array<{ name: EventName; payload: unknown }> = [];
  beforeAll(() => {
    directory = createTempDir('relay-har-stopped');
  });
  afterAll(() => directory?.remove());
  afterEach(async () => {
    client?.close();
    await engine?.dispose();
    await server?.stop();
    client = server = engine = undefined;
    events.length = 0;
  });

  it('stay listed, the relay too (marked stopped) for a window that reloads, and export as HAR after Stop, the Engine.IO sid blanked everywhere, body starts included, the rest of the open packet kept', async () => {
    server = await startSocketIoServer({ version: 4, pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true });
    const harFile = directory.file('stopped.har');
    engine = new FramelineEngine({ dataDirectory: directory.path, batchIntervalMs: 10, chooseExportPath: async () => harFile });
    engine.onEvent((name, payload) => events.push({ name, payload }));
    const relay = await engine.run('startRelay', [relayOptionsSchema.parse({ port: 0, upstreamUrl: `ws://127.0.0.1:${server.port}` }), relayInterceptionSchema.parse({})]);
    client = await connectThrough(relay.port);
    const sid = client.io.engine.id;
    expect(sid.length).toBeGreaterThanOrEqual(6);
    expect(await client.timeout(10_000).emitWithAck('chat:message', 'through the relay')).toEqual({ ok: true, echo: 'through the relay' });
    client.close();
    await engine.run('stopRelay', [relay.relayId]);
    // Every window heard of the start and of the stop, with what was kept.
    const lifecycle = events.filter((event) => event.name === 'relayStarted' || event.name === 'relayStopped');
    expect(lifecycle).toEqual([{ name: 'relayStarted', payload: relay }, { name: 'relayStopped', payload: { relayId: relay.relayId, isKept: true } }]);
    // Listed as stopped, as a reloaded window asks: its exchanges are still kept.
    expect(await engine.run('listRelays', [])).toEqual([{ ...relay, isStopped: true }]);

    // Listed after the stop, as windows see them: the open packet without the sid its URLs lost.
    const listed = await engine.run('listHttpExchanges', [relay.relayId]);
    expect(listed.length).toBeGreaterThan(1);
    const open = listed[0]!;
    expect(open.url).toMatch(/\/socket\.io\/\?EIO=4&transport=polling/);
    expect(bodyText(open)).toMatch(new RegExp(`^0\\{"sid":"\\*{${sid.length}}","upgrades":\\["websocket"\\],"pingInterval":25000,"pingTimeout":20000`));
    expect(JSON.stringify(listed)).not.toContain(sid);
    expect(listed.some((exchange) => exchange.url.includes(`sid=${'*'.repeat(sid.length)}`))).toBe(true);
    // The open packet names the sid itself, so every report of it went out without the sid.
    const reports = events.filter((event) => event.name === 'relayHttpExchange').map((event) => (event.payload as EventPayload<'relayHttpExchange'>).exchange);
    expect(bodyText(reports.filter((exchange) => exchange.exchangeId === open.exchangeId).at(-1)!)).toBe(bodyText(open));
    expect(JSON.stringify(reports)).not.toContain(sid);

    // Exported after the stop.
    const result = await engine.run('exportRelayHar', [relay.relayId, { extraHeaderNames: [], payloadPatterns: [] }]);
    expect(result).toEqual({ kind: 'saved', fileName: harFile });
    const text = readFileSync(harFile, 'utf8');
    expect(text).not.toContain(sid);
    const har = JSON.parse(text) as { log: { entries: HarEntry[]; _frameline: { redactions: { location: string; name: string }[] } } };
    await expect(validateHar(har)).resolves.toBeTruthy();
    expect(har.log.entries).toHaveLength(listed.length);
    expect(har.log.entries[0]!.response.content.text).toBe(bodyText(open));
    expect(har.log._frameline.redactions).toEqual(expect.arrayContaining([{ location: 'query-parameter', name: 'sid' }, { location: 'http-body', name: 'removed-value' }]));
  }, 60_000);

  it("blank a login form's password in the request body it kept, listed and exported, the user name kept", async () => {
    server = await startSocketIoServer({ version: 4, pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true });
    const harFile = directory.file('form.har');
    engine = new FramelineEngine({ dataDirectory: directory.path, batchIntervalMs: 10, chooseExportPath: async () => harFile });
    const relay = await engine.run('startRelay', [relayOptionsSchema.parse({ port: 0, upstreamUrl: `ws://127.0.0.1:${server.port}` }), relayInterceptionSchema.parse({})]);
    // Engine.IO refuses a POST without a session (400); what matters is the body the relay kept.
    const answer = await fetch(`http://127.0.0.1:${relay.port}/socket.io/?EIO=4&transport=polling`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=ann&password=hunter2%2Bform' });
    expect(answer.status).toBe(400);
    await answer.arrayBuffer();
    const listed = await engine.run('listHttpExchanges', [relay.relayId]);
    const login = listed.find((exchange) => exchange.method === 'POST')!;
    expect(Buffer.from(login.requestBody.start, 'base64').toString('utf8')).toBe('username=ann&password=**************');
    await engine.run('stopRelay', [relay.relayId]);
    await engine.run('exportRelayHar', [relay.relayId, { extraHeaderNames: [], payloadPatterns: [] }]);
    const text = readFileSync(harFile, 'utf8');
    expect(text).toContain('username=ann');
    expect(text).not.toContain('hunter2');
  }, 60_000);

  it('go with the relay history: a stopped relay that a later one pushes out is no longer listed (nor its exchanges) nor exportable, and windows are told', async () => {
    server = await startSocketIoServer({ version: 4, pingIntervalMs: 25_000, pingTimeoutMs: 20_000, isPollingToo: true });
    const emitted: Array<{ name: EventName; payload: unknown }> = [];
    // A history of one item: the second stopped relay pushes the first out, as a relayed capture would.
    const registry = new RelayRegistry(() => 'unused', () => undefined, (name, payload) => emitted.push({ name, payload }), {
      caDirectory: directory.file('ca'),
      history: { maxConnections: 1, maxBytes: 256 * 1024 * 1024 },
    });
    const relayIds: string[] = [];
    for (let run = 0; run < 2; run++) {
      const relay = await registry.start(relayOptionsSchema.parse({ port: 0, upstreamUrl: `ws://127.0.0.1:${server.port}` }), relayInterceptionSchema.parse({}));
      // One Engine.IO handshake by plain long-polling, answered by the real server.
      const answer = await fetch(`http://127.0.0.1:${relay.port}/socket.io/?EIO=4&transport=polling`);
      expect(await answer.text()).toMatch(/^0\{"sid":/);
      await registry.stop(relay.relayId);
      relayIds.push(relay.relayId);
      expect(registry.httpExchanges(relay.relayId)).toHaveLength(1);
    }
    expect(() => registry.httpExchanges(relayIds[0]!)).toThrow(/relay/);
    expect(() => registry.observed(relayIds[0]!)).toThrow(/relay/);
    expect(emitted.filter((event) => event.name === 'relayHttpExchangesReleased').map((event) => event.payload)).toEqual([{ relayId: relayIds[0] }]);
    // A reloaded window lists only the stopped relay still kept, and a running one apart from it.
    const running = await registry.start(relayOptionsSchema.parse({ port: 0, upstreamUrl: `ws://127.0.0.1:${server.port}` }), relayInterceptionSchema.parse({}));
    expect(registry.list().map(({ relayId, isStopped }) => ({ relayId, isStopped }))).toEqual([
      { relayId: running.relayId, isStopped: false },
      { relayId: relayIds[1], isStopped: true },
    ]);
    await registry.dispose();
    // The one that passed nothing through was stopped (by the quit) keeping nothing, so windows drop it.
    expect(emitted.filter((event) => event.name === 'relayStopped').map((event) => event.payload)).toEqual([
      { relayId: relayIds[0], isKept: true },
      { relayId: relayIds[1], isKept: true },
      { relayId: running.relayId, isKept: false },
    ]);
  }, 60_000);
});
