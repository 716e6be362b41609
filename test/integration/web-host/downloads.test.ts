import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { startWebHost, type WebHost } from '../../../electron/web-host/web-host.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

/** A GET with a Host header of our choosing (fetch always sends the real one). */
function statusWithHost(port: number, path: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path, headers: { Host: hostHeader } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
  });
}

/** Exports in the browser UI are downloads the browser saves: served once, under the suggested name, never into a folder of ours. */
describe('exports as downloads from frameline ui', () => {
  let temp: TempDir;
  let engine: FramelineEngine;
  let host: WebHost;
  let peer: WsServerPeer;
  let origin: string;

  beforeAll(async () => {
    temp = createTempDir('web-host-downloads');
    writeFileSync(join(temp.path, 'index.html'), '<!doctype html><title>Frameline</title>');
    engine = new FramelineEngine({ dataDirectory: temp.file('data'), downloadDirectory: temp.path, batchIntervalMs: 20 });
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

  it('serves a prepared export once by its one-time id, with its name, to our own Host and page only, then deletes it', async () => {
    const { sessionId } = await engine.run('openSession', [defaultSessionOptions(`${peer.url}feed`)]);
    for (let attempt = 0; attempt < 200 && (await engine.run('listSessions', []))[0]?.state !== 'open'; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    await engine.run('send', [sessionId, { type: 'text', data: 'download me' }]);

    const redacted = await engine.run('exportCapture', [sessionId, { format: 'har' }]);
    const plain = await engine.run('exportCapture', [sessionId, { format: 'har', redact: false }]);
    if (redacted.kind !== 'download' || plain.kind !== 'download') throw new Error(`expected downloads, got ${redacted.kind} and ${plain.kind}`);
    expect(redacted.suggestedName).toMatch(/^127\.0\.0\.1_\d+-\d{8}-\d{6}-redacted\.har$/);
    expect(plain.suggestedName).toBe(redacted.suggestedName.replace('-redacted.har', '-unredacted.har'));

    // The id is the credential (handed out over the token-checked bridge); no token goes into the URL.
    expect((await fetch(`${origin}/download?id=${redacted.downloadId}`, { method: 'HEAD' })).status).toBe(405);
    expect(await statusWithHost(host.port, `/download?id=${redacted.downloadId}`, 'evil.example')).toBe(403);
    expect((await fetch(`${origin}/download?id=${redacted.downloadId}`, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    expect((await fetch(`${origin}/download?id=not-an-id`)).status).toBe(404);
    const response = await fetch(`${origin}/download?id=${redacted.downloadId}`, { headers: { 'Sec-Fetch-Site': 'same-origin' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${redacted.suggestedName}"; filename*=UTF-8''${redacted.suggestedName}`);
    const body = await response.text();
    expect(body.length).toBe(redacted.byteLength);
    expect(JSON.parse(body).log.entries).toHaveLength(1);
    expect((await fetch(`${origin}/download?id=${redacted.downloadId}`)).status).toBe(404);

    // The served file is gone from the engine's folder; the unserved one waits.
    const folder = readdirSync(temp.path).find((name) => name.startsWith('frameline-exports-'))!;
    for (let attempt = 0; attempt < 100 && readdirSync(join(temp.path, folder)).length > 1; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readdirSync(join(temp.path, folder))).toEqual([plain.downloadId]);
    expect(readFileSync(join(temp.path, folder, plain.downloadId), 'utf8')).toContain('download me');
  });
});
