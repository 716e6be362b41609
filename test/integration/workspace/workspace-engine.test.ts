import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/contract/api.js';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import type { EventRecordJson, FrameRecordJson, HandshakeRecordJson } from '../../../shared/contract/records.js';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { startNginx } from '../../harness/nginx.js';
import { startPythonPubsub, type PythonPubsubPeer } from '../../harness/python-pubsub.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { createWorkspaceFixture, type WorkspaceFixture } from '../../harness/workspace-fixture.js';

const python = requirePeer('python-websockets');
const nginx = requirePeer('nginx');

const password = 'pw-2b7e151628aed2a6';
const apiKey = 'key-8c1f0d2e9a7b6354-SECRET';
const literalToken = 'Bearer tok-5d41402abc4b2a76b9719d911017c592';

let fixture: WorkspaceFixture | null = null;
let engine: FramelineEngine | null = null;
const peers: RunningPeer[] = [];
const events: { name: EventName; payload: unknown }[] = [];

afterEach(async () => {
  await engine?.dispose();
  engine = null;
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
  fixture?.root.remove();
  fixture = null;
  events.length = 0;
});

function startEngine(workspace: WorkspaceFixture): FramelineEngine {
  const exportsDirectory = workspace.root.file('exports');
  mkdirSync(exportsDirectory, { recursive: true });
  let exportCount = 0;
  // As a save dialog would: every export gets its own file (two sessions may share a suggested name).
  const chooseExportPath = async (suggestedName: string): Promise<string> => join(exportsDirectory, `${exportCount++}-${suggestedName}`);
  engine = new FramelineEngine({ dataDirectory: workspace.dataDirectory, chooseExportPath, batchIntervalMs: 10 });
  engine.onEvent((name, payload) => events.push({ name, payload }));
  return engine;
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function lastEvent<E extends EventName>(name: E, where: (payload: EventPayload<E>) => boolean): EventPayload<E> | undefined {
  return events.filter((event) => event.name === name).map((event) => event.payload as EventPayload<E>).reverse().find(where);
}

/** The text of every incoming text frame of a session, in order. */
async function incomingTexts(api: FramelineEngine, sessionId: string): Promise<string[]> {
  const texts: string[] = [];
  for (let from = 0; ; from += 2000) {
    const page = await api.run('getRecords', [sessionId, from, 2000]);
    for (const row of page.rows) {
      if (row.kind !== 'frame' || row.direction !== 'in' || row.opcode !== 1) continue;
      const record = (await api.run('getRecord', [sessionId, row.seq])) as FrameRecordJson;
      texts.push(Buffer.from(record.payload, 'base64').toString('utf8'));
    }
    if (from + 2000 >= page.total) return texts;
  }
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => (statSync(join(directory, name)).isDirectory() ? filesUnder(join(directory, name)) : [join(directory, name)]));
}

function holdsSecret(bytes: Buffer): string | null {
  for (const secret of [password, apiKey, literalToken.slice('Bearer '.length)]) if (bytes.includes(Buffer.from(secret))) return secret;
  return null;
}

describe('workspace connections through the engine', () => {
  it('fills variables into URL and headers as Frameline’s own listener received them, keeps literal secrets out of the folder, and no export carries a secret', async () => {
    fixture = createWorkspaceFixture();
    const api = startEngine(fixture);
    const listener = await api.run('startListener', [{ port: 0, echo: true }]);
    await api.run('openWorkspace', [fixture.path, { create: false }]);
    await api.run('saveWorkspaceEnvironment', [{ format: 'frameline-environment', version: 1, id: 'local', name: 'Local', variables: [{ name: 'port', value: String(listener.port) }, { name: 'user', value: 'carol' }, { name: 'apiKey', secret: true }] }]);
    await api.run('setActiveEnvironment', ['local']);
    await api.run('setWorkspaceSecrets', ['local', { apiKey }]);
    const saved = await api.run('saveWorkspaceConnection', [{
      format: 'frameline-connection', version: 1, id: 'listened', name: 'Through listen mode',
      options: { url: 'ws://127.0.0.1:{{port}}/feed?user={{user}}', headers: [['X-Api-Key', '{{apiKey}}'], ['X-Trace', '{{$uuid}}'], ['Authorization', literalToken]], subprotocols: ['v1.{{user}}'] },
      messages: [{ id: 'hello', name: 'Hello', kind: 'raw', mode: 'text', text: 'hello {{user}} {{apiKey}}' }],
    }]);
    expect(saved.movedSecrets).toEqual(['listened.authorization']);
    expect(saved.workspace.connections[0]!.options.headers[2]).toEqual(['Authorization', '{{listened.authorization}}']);

    const { sessionId } = await api.run('connectWorkspaceConnection', ['listened']);
    const accepted = await until('the listener to accept', () => lastEvent('listenerAccepted', () => true));
    await until('the client session to open', async () => ((await api.run('listSessions', [])).find((session) => session.id === sessionId)?.state === 'open' ? true : undefined));
    await api.run('sendSavedMessage', [sessionId, 'listened', 'hello']);
    await until('the echo', async () => ((await incomingTexts(api, sessionId)).length > 0 ? true : undefined));

    const sent = (await api.run('getHandshake', [sessionId]))!;
    const received = (await until('the listener handshake', () => api.run('getHandshake', [accepted.sessionId]).then((value) => value ?? undefined))) as HandshakeRecordJson;
    const header = (handshake: HandshakeRecordJson, name: string): string | undefined => handshake.request.headers.find(([each]) => each.toLowerCase() === name.toLowerCase())?.[1];
    expect(received.request.target).toBe('/feed?user=carol');
    expect(header(received, 'X-Api-Key')).toBe(apiKey);
    expect(header(received, 'Authorization')).toBe(literalToken);
    expect(header(received, 'Sec-WebSocket-Protocol')).toBe('v1.carol');
    expect(header(received, 'X-Trace')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(header(received, 'X-Trace')).toBe(header(sent, 'X-Trace'));
    expect(await incomingTexts(api, sessionId)).toEqual([`hello carol ${apiKey}`]);

    for (const file of filesUnder(fixture.path)) expect(holdsSecret(readFileSync(file)), file).toBeNull();
    const secretsFile = (await api.run('getWorkspace', []))!.secretStorage.path;
    expect(secretsFile.startsWith(fixture.path)).toBe(false);
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretsFile, 'utf8')).toContain(apiKey);

    const exported: string[] = [];
    for (const id of [sessionId, accepted.sessionId]) {
      for (const format of ['json', 'har', 'pcapng'] as const) {
        for (const redact of [true, false]) {
          const result = await api.run('exportCapture', [id, { format, redact }]);
          if (result.kind !== 'saved') throw new Error(`expected a saved export, got ${result.kind}`);
          exported.push(result.fileName);
        }
      }
    }
    for (const file of exported) expect(holdsSecret(readFileSync(file)), file).toBeNull();
  });

  it('refuses to connect when a variable has no value, naming it, and dials nothing', async () => {
    fixture = createWorkspaceFixture();
    const api = startEngine(fixture);
    await api.run('openWorkspace', [fixture.path, { create: false }]);
    await api.run('saveWorkspaceConnection', [{ format: 'frameline-connection', version: 1, id: 'nowhere', name: 'Nowhere', options: { url: 'ws://127.0.0.1:{{port}}/' } }]);
    await expect(api.run('connectWorkspaceConnection', ['nowhere'])).rejects.toThrow('not connected: {{port}} in url has no value');
    expect(await api.run('listSessions', [])).toEqual([]);
  });
});

describe('editing environments and secrets as the window does', () => {
  it('saves variables with their secrets outside the folder, reveals a secret only when asked, moves it with a rename, and a deleted environment takes its secrets along', async () => {
    fixture = createWorkspaceFixture();
    const api = startEngine(fixture);
    const listener = await api.run('startListener', [{ port: 0, echo: true }]);
    await api.run('openWorkspace', [fixture.path, { create: false }]);
    const file = { format: 'frameline-environment' as const, version: 1 as const, id: 'local', name: 'Local', variables: [{ name: 'port', value: String(listener.port) }, { name: 'token', secret: true as const }] };
    let view = await api.run('editWorkspaceEnvironment', [file, { values: { token: apiKey } }]);
    expect(view.secretNames).toEqual({ local: ['token'] });
    expect(JSON.stringify(view)).not.toContain(apiKey);
    expect(await api.run('revealWorkspaceSecret', ['local', 'token'])).toEqual({ value: apiKey });

    view = await api.run('editWorkspaceEnvironment', [{ ...file, name: 'Local box', variables: [file.variables[0]!, { name: 'apiKey', secret: true }] }, { renamed: { token: 'apiKey' } }]);
    expect(view.environments[0]!.name).toBe('Local box');
    expect(view.secretNames).toEqual({ local: ['apiKey'] });
    expect(await api.run('revealWorkspaceSecret', ['local', 'token'])).toEqual({ value: null });
    await api.run('setActiveEnvironment', ['local']);
    await api.run('saveWorkspaceConnection', [{ format: 'frameline-connection', version: 1, id: 'keyed', name: 'Keyed', options: { url: 'ws://127.0.0.1:{{port}}/', headers: [['X-Api-Key', '{{apiKey}}']] } }]);
    const { sessionId } = await api.run('connectWorkspaceConnection', ['keyed']);
    const accepted = await until('the listener to accept', () => lastEvent('listenerAccepted', () => true));
    const received = (await until('the listener handshake', () => api.run('getHandshake', [accepted.sessionId]).then((value) => value ?? undefined))) as HandshakeRecordJson;
    expect(received.request.headers.find(([name]) => name === 'X-Api-Key')?.[1]).toBe(apiKey);
    await api.run('closeSession', [sessionId]);

    for (const each of filesUnder(fixture.path)) expect(holdsSecret(readFileSync(each)), each).toBeNull();
    expect(readFileSync(join(fixture.path, 'environments', 'local.json'), 'utf8')).toBe(
      `{\n  "format": "frameline-environment",\n  "version": 1,\n  "id": "local",\n  "name": "Local box",\n  "variables": [\n    {\n      "name": "port",\n      "value": "${listener.port}"\n    },\n    {\n      "name": "apiKey",\n      "secret": true\n    }\n  ]\n}\n`,
    );

    view = await api.run('deleteWorkspaceEnvironment', ['local']);
    expect(view.environments).toEqual([]);
    expect(view.secretNames).toEqual({});
    expect(readFileSync(view.secretStorage.path, 'utf8')).not.toContain(apiKey);
  });
});

/** The feed connection: log in and ask for ticks; both replayed after every reconnect. */
function feedConnection(url: string): unknown {
  return {
    format: 'frameline-connection', version: 1, id: 'feed', name: 'Tick feed',
    options: { url },
    reconnect: { isEnabled: true, baseMs: 100, capMs: 400, maxAttempts: 100, replay: ['login', 'ticks'] },
    messages: [
      { id: 'login', name: 'Log in', kind: 'raw', mode: 'json', text: `{"op":"login","user":"bob","password":"{{password}}"}` },
      { id: 'ticks', name: 'Start ticks', kind: 'raw', mode: 'json', text: '{"op":"ticks"}' },
      { id: 'quiet', name: 'Stop ticks', kind: 'raw', mode: 'json', text: '{"op":"quiet"}' },
    ],
  };
}

async function workspaceSessions(api: FramelineEngine): Promise<SessionSummary[]> {
  return (await api.run('listSessions', [])).filter((session) => session.origin?.kind === 'workspace');
}

/** Sends quiet, waits for the server's quiet-ok, and checks the session recorded exactly what the server sent, in order. */
async function expectEverythingRecorded(api: FramelineEngine, sessionId: string, server: PythonPubsubPeer, connection: number): Promise<number> {
  await api.run('sendSavedMessage', [sessionId, 'feed', 'quiet']);
  await until('quiet-ok', async () => ((await incomingTexts(api, sessionId)).some((text) => text.includes('quiet-ok')) ? true : undefined));
  const sent = (server.sent().get(connection) ?? []).map((message) => JSON.stringify(message));
  const recorded = (await incomingTexts(api, sessionId)).map((text) => JSON.stringify(JSON.parse(text)));
  expect(recorded).toEqual(sent);
  return recorded.filter((text) => text.includes('"tick"')).length;
}

async function openChain(api: FramelineEngine, workspace: WorkspaceFixture, url: string): Promise<string> {
  await api.run('openWorkspace', [workspace.path, { create: false }]);
  await api.run('setWorkspaceSecrets', ['*', { password: 's3cret' }]);
  await api.run('saveWorkspaceConnection', [feedConnection(url) as never]);
  const { sessionId } = await api.run('connectWorkspaceConnection', ['feed']);
  await until('the first session to open', async () => ((await workspaceSessions(api)).find((session) => session.id === sessionId)?.state === 'open' ? true : undefined));
  await api.run('sendSavedMessage', [sessionId, 'feed', 'login']);
  await api.run('sendSavedMessage', [sessionId, 'feed', 'ticks']);
  await until('ticks', async () => ((await incomingTexts(api, sessionId)).filter((text) => text.includes('"tick"')).length >= 5 ? true : undefined));
  return sessionId;
}

/** Follows previousSessionId from the newest session back to the first. */
function chainOf(sessions: readonly SessionSummary[], firstId: string): SessionSummary[] {
  const byPrevious = new Map(sessions.filter((session) => session.previousSessionId).map((session) => [session.previousSessionId!, session]));
  const chain = [sessions.find((session) => session.id === firstId)!];
  for (let next = byPrevious.get(firstId); next; next = byPrevious.get(next.id)) chain.push(next);
  return chain;
}

describe.skipIf(!python.isAvailable)('auto-reconnect against python3-websockets killed and restarted', () => {
  it('links a new session per attempt through the outage, replays log-in and ticks, and every message the server sent is recorded', async () => {
    fixture = createWorkspaceFixture();
    const api = startEngine(fixture);
    let server = await startPythonPubsub({ password: 's3cret' });
    const port = server.port;
    peers.push(server);
    const firstId = await openChain(api, fixture, `ws://127.0.0.1:${port}/`);
    const ticksBefore = await expectEverythingRecorded(api, firstId, server, 1);
    expect(ticksBefore).toBeGreaterThanOrEqual(5);

    process.kill(-server.pid, 'SIGKILL');
    await server.stop();
    await until('failed attempts during the outage', async () => (chainOf(await workspaceSessions(api), firstId).filter((session) => session.closed?.message).length >= 2 ? true : undefined));
    server = await startPythonPubsub({ password: 's3cret', port });
    peers.push(server);

    const reopened = await until('a reconnect to open', async () => chainOf(await workspaceSessions(api), firstId).find((session) => session.id !== firstId && session.state === 'open'));
    await until('replayed ticks', async () => ((await incomingTexts(api, reopened.id)).filter((text) => text.includes('"tick"')).length >= 5 ? true : undefined));
    expect(await expectEverythingRecorded(api, reopened.id, server, 1)).toBeGreaterThanOrEqual(5);

    const chain = chainOf(await workspaceSessions(api), firstId);
    expect(chain.at(-1)!.id).toBe(reopened.id);
    expect(chain[0]!.closed).toMatchObject({ by: 'path' });
    const outage = chain.slice(1, -1);
    expect(outage.length).toBeGreaterThanOrEqual(2);
    for (const attempt of outage) expect(attempt.closed?.message).toMatch(/refused/i);
    for (const [index, session] of chain.slice(1).entries()) {
      const first = (await api.run('getRecord', [session.id, 0])) as EventRecordJson;
      expect(first.name).toBe('note');
      expect(first.message).toMatch(new RegExp(`^auto-reconnect attempt ${index + 1} of 100 after a \\d+ ms backoff; the connection has been down \\d+\\.\\d s`));
    }

    await api.run('closeSession', [reopened.id, { code: 1000 }]);
    await until('the chain to stop', () => lastEvent('reconnectStopped', (event) => event.sessionId === reopened.id && event.reason === 'closed-by-user'));
  });
});

describe.skipIf(!python.isAvailable || !nginx.isAvailable)('auto-reconnect behind nginx reloading', () => {
  it('survives a reload that retires the worker holding the connection', async () => {
    fixture = createWorkspaceFixture();
    const api = startEngine(fixture);
    const server = await startPythonPubsub({ password: 's3cret' });
    peers.push(server);
    const proxy = await startNginx({ upstreamPort: server.port, mode: 'correct', workerShutdownTimeoutSeconds: 1 });
    peers.push(proxy);
    const firstId = await openChain(api, fixture, proxy.url);
    await expectEverythingRecorded(api, firstId, server, 1);

    proxy.reload();
    const reopened = await until('a reconnect through the new worker', async () => chainOf(await workspaceSessions(api), firstId).find((session) => session.id !== firstId && session.state === 'open'), 30_000);
    await until('replayed ticks', async () => ((await incomingTexts(api, reopened.id)).filter((text) => text.includes('"tick"')).length >= 3 ? true : undefined));
    const chain = chainOf(await workspaceSessions(api), firstId);
    expect(chain[0]!.state).toBe('closed');
    expect(chain[0]!.closed?.by).not.toBe('client');
    expect(await expectEverythingRecorded(api, reopened.id, server, 2)).toBeGreaterThanOrEqual(3);
    expect(proxy.accessLog()).toMatch(/"GET \/ HTTP\/1\.1" 101/);
  });
});
