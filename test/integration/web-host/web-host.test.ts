import { writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { startWebHost, type WebHost } from '../../../electron/web-host/web-host.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { bridgeErrorSchema } from '../../../shared/contract/bridge-protocol.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage } from '../../../shared/i18n/message.js';

/** Opens a bridge socket with the given token and headers; resolves with the socket or the HTTP status of the refusal. */
function openBridge(host: WebHost, token: string, headers: Record<string, string>): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?token=${encodeURIComponent(token)}`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', reject);
  });
}

/** One call over the bridge; resolves with the raw answer message. */
function call(socket: WebSocket, id: number, command: string, args: unknown[]): Promise<{ type: string; result?: unknown; error?: { message: string; field?: string; i18n?: unknown } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(data.toString()) as { type: string; id?: number };
      if (message.id !== id) return;
      socket.off('message', onMessage);
      resolve(message as never);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'call', id, command, args }));
  });
}

describe('frameline ui web host', () => {
  let temp: TempDir;
  let engine: FramelineEngine;
  let host: WebHost;
  let peer: WsServerPeer;
  let origin: string;

  beforeAll(async () => {
    temp = createTempDir('frameline-web-host');
    writeFileSync(join(temp.path, 'index.html'), '<!doctype html><title>Frameline</title>');
    engine = new FramelineEngine({ dataDirectory: join(temp.path, 'data'), batchIntervalMs: 20 });
    host = await startWebHost({ engine, rendererDirectory: temp.path });
    origin = `http://127.0.0.1:${host.port}`;
    peer = await startWsServer();
  });

  afterAll(async () => {
    await engine.dispose();
    await host.close();
    await peer.stop();
    temp.remove();
  });

  it('binds loopback only and gives launch links with a one-time code, never the token', () => {
    const link = host.launchUrl();
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#code=[A-Za-z0-9_-]{32}$`));
    expect(link).not.toContain(host.token);
    expect(host.launchUrl()).not.toBe(link);
  });

  it('trades a launch code for the token once, for our own page only', async () => {
    let redeemed = 0;
    const code = new URL(host.launchUrl(() => redeemed++)).hash.replace('#code=', '');
    const exchange = (body: string, headers: Record<string, string> = { Origin: origin }) =>
      fetch(`${origin}/bridge-token`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
    // Refused attempts do not spend the code.
    expect((await exchange(JSON.stringify({ code }), { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await exchange(JSON.stringify({ code }), {})).status).toBe(403);
    expect((await exchange('{"code":')).status).toBe(400);
    expect((await exchange(JSON.stringify({ code: 'x'.repeat(2000) }))).status).toBe(413);
    expect((await fetch(`${origin}/bridge-token?code=${code}`)).status).toBe(405);
    expect(redeemed).toBe(0);
    const first = await exchange(JSON.stringify({ code }));
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toEqual({ token: host.token });
    expect(redeemed).toBe(1);
    // Spent: the same link opens nothing any more.
    expect((await exchange(JSON.stringify({ code }))).status).toBe(403);
    expect((await exchange(JSON.stringify({ code: 'made-up' }))).status).toBe(403);
    expect(redeemed).toBe(1);
  });

  it('serves the page to its own Host and refuses a foreign Host (DNS rebinding)', async () => {
    const own = await fetch(`${origin}/`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(own.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    const rebinding = await new Promise<number>((resolve) => {
      const request = get({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: `attacker.example:${host.port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.end();
    });
    expect(rebinding).toBe(403);
  });

  it('refuses the bridge with a wrong token, a foreign Origin or a foreign Host', async () => {
    expect(await openBridge(host, 'wrong-token', { Origin: origin })).toBe(403);
    expect(await openBridge(host, '', { Origin: origin })).toBe(403);
    expect(await openBridge(host, host.token, { Origin: 'http://evil.example' })).toBe(403);
    expect(await openBridge(host, host.token, { Origin: origin, Host: `attacker.example:${host.port}` })).toBe(403);
  });

  it('runs commands for the right token and Origin, and names a bad argument field', async () => {
    const socket = await openBridge(host, host.token, { Origin: origin });
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
    const listed = await call(socket, 1, 'listSessions', []);
    expect(listed).toMatchObject({ type: 'result' });
    const bad = await call(socket, 2, 'closeSession', ['x', { code: 99 }]);
    expect(bad.type).toBe('error');
    expect(bad.error?.field).toBe('1.code');
    socket.close();
  });

  it('answers a command on a session that does not exist with its message, which the page renders in Chinese', async () => {
    const socket = await openBridge(host, host.token, { Origin: origin });
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
    const missing = await call(socket, 3, 'send', ['no-such-session', { type: 'text', data: 'hi' }]);
    socket.close();
    expect(missing).toMatchObject({ type: 'error', error: { message: 'no session no-such-session', i18n: { key: 'sessions:error.noSession', values: { id: 'no-such-session' } } } });
    const sent = bridgeErrorSchema.parse(missing.error);
    expect(renderMessage(createTranslate('zh-CN'), sent.i18n!)).toBe('没有会话 no-such-session');
  });

  it('opens a session against a real ws server and pushes batched records', async () => {
    const socket = await openBridge(host, host.token, { Origin: origin });
    if (typeof socket === 'number') throw new Error(`refused with ${socket}`);
    const batches: { count: number; newest: { kind: string; opcode?: number; payloadPreview?: string }[] }[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; event?: string; payload?: never };
      if (message.type === 'event' && message.event === 'recordsAppended') batches.push(message.payload!);
    });
    const opened = await call(socket, 1, 'openSession', [{ url: peer.url }]);
    const sessionId = (opened.result as { sessionId: string }).sessionId;
    await expect.poll(async () => ((await call(socket, 2, 'listSessions', [])).result as { state: string }[])[0]?.state).toBe('open');
    for (let index = 0; index < 200; index++) await call(socket, 10 + index, 'send', [sessionId, { type: 'text', data: `m${index}` }]);
    await expect.poll(() => batches.at(-1)?.count ?? 0).toBeGreaterThanOrEqual(4 + 400);
    // 400 frames arrived as far fewer batches: the host coalesces at the source.
    expect(batches.length).toBeLessThan(200);
    const page = await call(socket, 500, 'getRecords', [sessionId, 0, 2000, { direction: 'in', category: 'data', opcodes: [], search: 'm199', isRegex: false }]);
    const rows = (page.result as { rows: { payloadPreview: string; direction: string }[] }).rows;
    expect(rows).toEqual([expect.objectContaining({ payloadPreview: 'm199', direction: 'in' })]);
    socket.close();
  });
});
