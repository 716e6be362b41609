import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/engine/session/session.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { startHttpResponder } from '../../harness/http-responder.js';
import { startResetMidFrameServer } from '../../harness/reset-mid-frame-server.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSilentServer } from '../../harness/silent-server.js';
import { dispose, eventRecords, frameRecords, handshakeRecord, lastRecord, startSession, text, waitForEnd } from './session-records.js';

let peer: RunningPeer | undefined;
let session: Session | undefined;
afterEach(async () => {
  dispose(session);
  session = undefined;
  await peer?.stop();
  peer = undefined;
});

describe('sessions against peers that misbehave', () => {
  it('a server that resets mid-frame: the partial frame is recorded as truncated, closed by path with rst', async () => {
    peer = await startResetMidFrameServer();
    session = await startSession({ url: peer.url! });
    expect(handshakeRecord(session).response?.statusCode).toBe(101);
    const closed = await waitForEnd(session);
    expect(closed).toMatchObject({ by: 'path', how: 'rst' });
    const [partial] = frameRecords(session, 'in');
    expect(partial).toMatchObject({ opcode: Opcode.text, fin: true, payloadLength: 10, payloadTruncated: true });
    expect(text(partial!.payload)).toBe('hell');
    expect(partial!.violations.map((violation) => violation.rule)).toContain('truncated-frame');
    expect(lastRecord(session)).toMatchObject({ kind: 'event', name: 'closed', by: 'path', how: 'rst' });
  });

  it('a server that never answers the handshake: a handshake-stage timeout with a hint, closed by client', async () => {
    peer = await startSilentServer();
    session = await startSession({ url: peer.url!, limits: { handshakeTimeoutMs: 300 } });
    const closed = await waitForEnd(session);
    expect(closed).toMatchObject({ by: 'client', how: 'timeout' });
    expect(eventRecords(session, 'handshake-sent')).toHaveLength(1);
    expect(handshakeRecord(session)).toMatchObject({ response: null, checks: [] });
    expect(text(handshakeRecord(session).request.raw)).toMatch(/^GET \/ HTTP\/1\.1\r\n[\s\S]*\r\n\r\n$/);
    const [error] = eventRecords(session, 'error');
    expect(error).toMatchObject({ stage: 'handshake', message: expect.stringContaining(`no handshake response from 127.0.0.1:${peer.port}`), hint: expect.stringMatching(/HTTP\/1\.0/) });
    expect(lastRecord(session)).toMatchObject({ kind: 'event', name: 'closed', by: 'client', how: 'timeout' });
  });

  it('a plain HTTP server that ignores the upgrade: the 200 with its body and headers, no frames', async () => {
    peer = await startHttpResponder({ status: 200, body: 'just a web page', headers: [['X-Served-By', 'plain']] });
    session = await startSession({ url: peer.url! });
    const closed = await waitForEnd(session);
    const response = handshakeRecord(session).response;
    expect(response).toMatchObject({ statusCode: 200, reason: 'OK' });
    expect(response?.headers).toContainEqual(['X-Served-By', 'plain']);
    expect(text(response?.body)).toBe('just a web page');
    expect(handshakeRecord(session).checks.find((check) => check.id.includes('status'))).toMatchObject({ ok: false });
    expect(closed).toMatchObject({ how: 'error', message: `handshake failed: HTTP 200 OK from 127.0.0.1:${peer.port}` });
    expect(frameRecords(session)).toEqual([]);
  });
});
