import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/contract/api.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { FramelineEngine, type EngineOptions } from '../../../electron/engine/api/engine.js';
import { freePort } from '../../harness/free-port.js';
import { startNginx } from '../../harness/nginx.js';
import { requirePeer } from '../../harness/require-peer.js';
import { english } from '../../harness/english.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { connectWs } from '../../harness/ws-client.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

const nginx = requirePeer('nginx');

let upstream: WsServerPeer;
let directory: TempDir;
let engine: FramelineEngine;
const events: Array<{ name: EventName; payload: unknown }> = [];
const peers: RunningPeer[] = [];

beforeAll(async () => {
  upstream = await startWsServer();
  directory = createTempDir('engine');
});
afterAll(async () => {
  await upstream?.stop();
  directory?.remove();
});
afterEach(async () => {
  await engine?.dispose();
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
  events.length = 0;
});

function startEngine(extra: Partial<EngineOptions> = {}): FramelineEngine {
  engine = new FramelineEngine({ dataDirectory: directory.path, batchIntervalMs: 10, ...extra });
  engine.onEvent((name, payload) => events.push({ name, payload }));
  return engine;
}

/** Resolves with the first event of that name matching `where`; rejects after `timeoutMs`. */
async function nextEvent<E extends EventName>(name: E, where: (payload: EventPayload<E>) => boolean, timeoutMs = 20_000): Promise<EventPayload<E>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = events.find((event) => event.name === name && where(event.payload as EventPayload<E>));
    if (found) return found.payload as EventPayload<E>;
    if (Date.now() > deadline) throw new Error(`no ${name} event within ${timeoutMs} ms; saw ${events.map((event) => event.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!nginx.isAvailable)('runDiagnosis through the engine', () => {
  it('streams probes and ends with the cause; the evidence opens the probe session at the 426', async () => {
    const proxy = await startNginx({ upstreamPort: upstream.port, mode: 'no-upgrade-headers' });
    peers.push(proxy);
    const api = startEngine();
    const { diagnosisId } = await api.run('runDiagnosis', [defaultSessionOptions(proxy.url), { isIdleProbeEnabled: false }]);
    // No event may name the run before the command has answered with its id.
    expect(events.filter((event) => event.name.startsWith('diagnosis'))).toEqual([]);
    const finished = await nextEvent('diagnosisFinished', (payload) => payload.diagnosisId === diagnosisId);
    expect(finished.outcome).toBe('finished');
    expect(events.find((event) => event.name === 'diagnosisProgressed')).toMatchObject({ payload: { progress: { probe: 'handshake' } } });
    const probesStreamed = events.filter((event) => event.name === 'diagnosisProbeFinished').map((event) => (event.payload as EventPayload<'diagnosisProbeFinished'>).probe.id);
    expect(probesStreamed).toEqual(finished.report!.probes.map((probe) => probe.id));
    const cause = finished.report!.causes[0]!;
    expect(cause.id).toBe('upgrade-headers-dropped');
    const evidence = cause.evidence.find((each) => each.sessionId !== undefined)!;
    expect(evidence.seq).not.toBeNull();
    const record = await api.run('getRecord', [evidence.sessionId!, evidence.seq!]);
    expect(record.kind).toBe('handshake');
    expect(record.kind === 'handshake' ? record.response?.statusCode : null).toBe(426);
    const sessions = await api.run('listSessions', []);
    const probeSession = sessions.find((summary) => summary.id === evidence.sessionId)!;
    expect(probeSession.origin).toEqual({ kind: 'doctor', diagnosisId, probe: 'handshake' });
    expect(probeSession.statusCode).toBe(426);
  });
});

describe.skipIf(!nginx.isAvailable)('runDiagnosis with a path test through the engine', () => {
  it("adopts the listener's side of the path as a session holding what nginx forwarded", async () => {
    const listenPort = await freePort();
    const proxy = await startNginx({ upstreamPort: listenPort, mode: 'http1.0' });
    peers.push(proxy);
    const api = startEngine();
    const { diagnosisId } = await api.run('runDiagnosis', [defaultSessionOptions(proxy.url), { isIdleProbeEnabled: false, through: { port: listenPort } }]);
    const finished = await nextEvent('diagnosisFinished', (payload) => payload.diagnosisId === diagnosisId);
    expect(finished.report?.path?.receivedRequestLine).toBe('GET / HTTP/1.0');
    const backend = (await api.run('listSessions', [])).find((summary) => summary.origin?.kind === 'doctor' && summary.origin.probe === 'listener #1');
    expect(backend).toBeDefined();
    const handshake = await api.run('getHandshake', [backend!.id]);
    expect(handshake?.request.httpVersion).toBe('1.0');
    // Each step went out as it finished, in the report's order; its evidence opens the client's session.
    const streamed = events.filter((event) => event.name === 'diagnosisProbeFinished').map((event) => (event.payload as EventPayload<'diagnosisProbeFinished'>).probe);
    expect(streamed.map((probe) => probe.id)).toEqual(['dns', 'tcp', 'tls', 'path-upgrade', 'path-frames', 'idle', 'path-close']);
    expect(streamed.map((probe) => probe.id)).toEqual(finished.report!.probes.map((probe) => probe.id));
    const client = (await api.run('listSessions', [])).find((summary) => summary.origin?.kind === 'doctor' && summary.origin.probe === 'path');
    const recorded = streamed.flatMap((probe) => probe.evidence).filter((each) => each.seq !== null);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.every((each) => each.sessionId === client?.id)).toBe(true);
  });

  it('ends a path test waiting in its idle step at once, as cancelled: the steps before it kept, the idle step skipped, the close reported', async () => {
    const listenPort = await freePort();
    const proxy = await startNginx({ upstreamPort: listenPort, mode: 'correct' });
    peers.push(proxy);
    const api = startEngine();
    const { diagnosisId } = await api.run('runDiagnosis', [defaultSessionOptions(proxy.url), { idleLimitMs: 120_000, through: { port: listenPort } }]);
    await nextEvent('diagnosisProgressed', (payload) => payload.diagnosisId === diagnosisId && payload.progress.probe === 'idle');
    await api.run('cancelDiagnosis', [diagnosisId]);
    const finished = await nextEvent('diagnosisFinished', (payload) => payload.diagnosisId === diagnosisId, 10_000);
    expect(finished.outcome).toBe('cancelled');
    const steps = finished.report!.probes.map((probe) => [probe.id, probe.status === 'skip' ? english(probe.summary) : probe.status]);
    expect(steps.slice(3)).toEqual([['path-upgrade', 'warn'], ['path-frames', 'pass'], ['idle', 'cancelled'], ['path-close', 'pass']]);
  });
});

describe('cancelDiagnosis', () => {
  it('ends a run waiting in the idle probe at once, as cancelled, with the idle probe skipped', async () => {
    const api = startEngine();
    const { diagnosisId } = await api.run('runDiagnosis', [defaultSessionOptions(upstream.url), { idleLimitMs: 120_000 }]);
    await nextEvent('diagnosisProgressed', (payload) => payload.diagnosisId === diagnosisId && payload.progress.probe === 'idle' && (payload.progress.waitedSeconds ?? 0) >= 1);
    const cancelledAt = performance.now();
    await api.run('cancelDiagnosis', [diagnosisId]);
    const finished = await nextEvent('diagnosisFinished', (payload) => payload.diagnosisId === diagnosisId, 5_000);
    expect(performance.now() - cancelledAt).toBeLessThan(5_000);
    expect(finished.outcome).toBe('cancelled');
    const idle = finished.report!.probes.find((probe) => probe.id === 'idle')!;
    expect([idle.status, english(idle.summary)]).toEqual(['skip', 'cancelled']);
    expect(finished.report!.probes.find((probe) => probe.id === 'handshake')!.status).toBe('pass');
  });

  it('refuses options outside the contract (an idle limit under a second)', async () => {
    const api = startEngine();
    await expect(api.run('runDiagnosis', [defaultSessionOptions(upstream.url), { idleLimitMs: 5 }])).rejects.toThrow(/idleLimitMs/);
  });
});

describe('startListener', () => {
  it('adopts each accepted connection as a session with the request as it arrived and the client frames, which the window can send on as the server', async () => {
    const api = startEngine();
    const info = await api.run('startListener', [{ port: 0, echo: true }]);
    expect(info.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    const client = await connectWs(`${info.url}chat?room=1`, { headers: { 'X-Odd-CASE': 'kept' } });
    client.socket.send('hello listener');
    expect((await client.nextMessages(1))[0]!.data.toString()).toBe('hello listener');
    const accepted = await nextEvent('listenerAccepted', (payload) => payload.listenerId === info.listenerId);
    expect(accepted.connection).toBe(1);
    expect(accepted.peer.address).toBe('127.0.0.1');
    const handshake = await api.run('getHandshake', [accepted.sessionId]);
    expect(handshake?.request.target).toBe('/chat?room=1');
    expect(handshake?.request.headers).toContainEqual(['X-Odd-CASE', 'kept']);
    const page = await api.run('getRecords', [accepted.sessionId, 0, 100, { direction: 'out', category: 'data' }]);
    expect(page.rows.map((row) => (row.kind === 'frame' ? row.payloadPreview : ''))).toContain('hello listener');
    const summary = (await api.run('listSessions', [])).find((each) => each.id === accepted.sessionId)!;
    expect(summary).toMatchObject({ readOnly: false, state: 'open', origin: { kind: 'listen', listenerId: info.listenerId, connection: 1, peer: `127.0.0.1:${accepted.peer.port}` } });
    await api.run('send', [accepted.sessionId, { type: 'text', data: 'from the server' }]);
    expect((await client.nextMessages(1))[0]!.data.toString()).toBe('from the server');
    client.socket.close(1000, 'bye');
    await nextEvent('sessionClosed', (payload) => payload.sessionId === accepted.sessionId, 5_000);
    expect(await api.run('listListeners', [])).toHaveLength(1);
    await api.run('stopListener', [info.listenerId]);
    expect(await api.run('listListeners', [])).toEqual([]);
  });

  it('keeps a bounded history of finished connections: the oldest are removed from the engine with their captures (issue 19)', async () => {
    const api = startEngine({ listenHistory: { maxConnections: 2, maxBytes: 256 * 1024 * 1024 } });
    const info = await api.run('startListener', [{ port: 0, echo: true }]);
    const sessionIds: string[] = [];
    for (let index = 1; index <= 4; index++) {
      const client = await connectWs(info.url);
      client.socket.send(`message ${index}`);
      await client.nextMessages(1);
      const accepted = await nextEvent('listenerAccepted', (payload) => payload.connection === index);
      sessionIds.push(accepted.sessionId);
      client.socket.close(1000);
      await nextEvent('sessionClosed', (payload) => payload.sessionId === accepted.sessionId, 5_000);
    }
    await nextEvent('sessionRemoved', (payload) => payload.sessionId === sessionIds[1]);
    expect(events.filter((event) => event.name === 'sessionRemoved').map((event) => (event.payload as { sessionId: string }).sessionId)).toEqual(sessionIds.slice(0, 2));
    expect((await api.run('listSessions', [])).map((summary) => summary.id)).toEqual(sessionIds.slice(2));
    await expect(api.run('getRecords', [sessionIds[0]!, 0, 10])).rejects.toThrow(/no session/);
    const kept = await api.run('getRecords', [sessionIds[3]!, 0, 100, { direction: 'out', category: 'data' }]);
    expect(kept.rows.map((row) => (row.kind === 'frame' ? row.payloadPreview : ''))).toEqual(['message 4']);
  });

  it('keeps finished connections within a shared byte budget, always keeping the newest', async () => {
    const api = startEngine({ listenHistory: { maxConnections: 100, maxBytes: 1 } });
    const info = await api.run('startListener', [{ port: 0 }]);
    const sessionIds: string[] = [];
    for (let index = 1; index <= 2; index++) {
      const client = await connectWs(info.url);
      const accepted = await nextEvent('listenerAccepted', (payload) => payload.connection === index);
      sessionIds.push(accepted.sessionId);
      client.socket.close(1000);
      await nextEvent('sessionClosed', (payload) => payload.sessionId === accepted.sessionId, 5_000);
    }
    await nextEvent('sessionRemoved', (payload) => payload.sessionId === sessionIds[0]);
    expect((await api.run('listSessions', [])).map((summary) => summary.id)).toEqual([sessionIds[1]]);
  });

  it('reports a missing TLS certificate file by its path, and starts nothing', async () => {
    const api = startEngine();
    await expect(api.run('startListener', [{ port: 0, tls: { certFile: directory.file('missing-cert.pem'), keyFile: directory.file('missing-key.pem') } }])).rejects.toThrow(/ENOENT.*missing-cert\.pem/);
    expect(await api.run('listListeners', [])).toEqual([]);
  });

  it('reports an address in use as a rejected command with the system reason', async () => {
    const api = startEngine();
    const first = await api.run('startListener', [{ port: 0 }]);
    await expect(api.run('startListener', [{ port: first.port }])).rejects.toThrow(/EADDRINUSE/);
  });
});
