import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/engine/session/session.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { startNginx, type NginxPeer } from '../../harness/nginx.js';
import { requirePeer } from '../../harness/require-peer.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { dispose, eventRecords, frameRecords, handshakeRecord, lastRecord, startSession, text, waitForEnd, waitForFrames } from './session-records.js';

const nginx = requirePeer('nginx');

describe.skipIf(!nginx.isAvailable)('session through nginx in front of the ws server', () => {
  let backend: WsServerPeer;
  let proxy: NginxPeer | undefined;
  let session: Session | undefined;
  beforeAll(async () => {
    backend = await startWsServer();
  });
  afterAll(async () => {
    await backend?.stop();
  });
  afterEach(async () => {
    dispose(session);
    session = undefined;
    await proxy?.stop();
    proxy = undefined;
  });

  it('correct config: 101 through nginx, and frames both ways', async () => {
    proxy = await startNginx({ upstreamPort: backend.port, mode: 'correct' });
    session = await startSession({ url: proxy.url });
    expect(handshakeRecord(session).response?.statusCode).toBe(101);
    expect(handshakeRecord(session).response?.headers.find(([name]) => name.toLowerCase() === 'server')?.[1]).toMatch(/nginx/);
    session.send({ type: 'text', data: 'via nginx' });
    const [echo] = await waitForFrames(session, 'in', 1);
    expect(echo).toMatchObject({ opcode: Opcode.text, violations: [] });
    expect(text(echo!.payload)).toBe('via nginx');
    session.close(1000);
    expect(await waitForEnd(session)).toMatchObject({ by: 'client', how: 'close-frame', closeCode: 1000 });
  });

  it('without Upgrade/Connection forwarding: the backend\'s 426 or 400 is recorded with its body and ends the session', async () => {
    const started = await startNginx({ upstreamPort: backend.port, mode: 'no-upgrade-headers' });
    proxy = started;
    session = await startSession({ url: started.url });
    const closed = await waitForEnd(session);
    const response = handshakeRecord(session).response;
    expect([400, 426]).toContain(response?.statusCode);
    expect(response?.body, 'a non-101 answer keeps its body').toBeDefined();
    expect(text(response?.body).length).toBeGreaterThan(0);
    expect(text(response?.raw)).toContain(text(response?.body));
    const [error] = eventRecords(session, 'error');
    const message = `handshake failed: HTTP ${response!.statusCode} ${response!.reason} from 127.0.0.1:${started.port}`;
    expect(error).toMatchObject({ stage: 'handshake', message, hint: expect.stringMatching(/Upgrade and Connection/) });
    expect(closed).toMatchObject({ how: 'error', message });
    expect(frameRecords(session)).toEqual([]);
    expect(lastRecord(session)).toMatchObject({ kind: 'event', name: 'closed', how: 'error' });
  });
});
