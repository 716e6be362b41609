import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportCaptureFile } from '../../../electron/engine/capture/export/export-capture.js';
import { noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import type { Session } from '../../../electron/engine/session/session.js';
import { startPythonWs, type PythonWsPeer } from '../../harness/python-ws.js';
import { requirePeer } from '../../harness/require-peer.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { dispose, frameRecords, startSession, waitForEnd, waitForFrames } from '../session/session-records.js';
import { ofDirection, recordFrames, tsharkFrames } from './tshark-frames.js';

const tshark = requirePeer('tshark');
const python = requirePeer('python-websockets');

// The export writes the server on port 80 unless its real port is 80 or 8080 (docs/capture-format.md "pcapng").
const synthesizedServerPort = 80;

let folder: string;
let session: Session | undefined;
let server: WsServerPeer | undefined;
let pythonServer: PythonWsPeer | undefined;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'frameline-pcapng-'));
});
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});
afterEach(async () => {
  dispose(session);
  session = undefined;
  await server?.stop();
  server = undefined;
  await pythonServer?.stop();
  pythonServer = undefined;
});

async function expectSameFramesInTshark(current: Session, name: string): Promise<void> {
  const path = join(folder, `${name}.pcapng`);
  await exportCaptureFile(current.capture, 'pcapng', path, noRedaction);
  const dissected = tsharkFrames(path, synthesizedServerPort);
  const recorded = recordFrames(frameRecords(current));
  expect(dissected.length).toBe(recorded.length);
  expect(ofDirection(dissected, 'out')).toEqual(ofDirection(recorded, 'out'));
  expect(ofDirection(dissected, 'in')).toEqual(ofDirection(recorded, 'in'));
}

describe.skipIf(!tshark.isAvailable)('pcapng export read by tshark', () => {
  it('lists the frames of a ws echo session: text, binary, a fragmented message, ping/pong, close with a reason', async () => {
    server = await startWsServer();
    session = await startSession({ url: server.url });
    session.send({ type: 'text', data: 'hello, wire' });
    session.send({ type: 'binary', base64: Buffer.from([0, 1, 2, 250, 251, 252]).toString('base64') });
    session.send({ type: 'frame', opcode: 1, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'random', payload: Buffer.from('a fragmented message').toString('base64'), fragmentSize: 6 });
    session.send({ type: 'ping', base64: Buffer.from('are you there').toString('base64') });
    session.send({ type: 'text', data: 'x'.repeat(70_000) });
    await waitForFrames(session, 'in', 5);
    session.close(1000, 'done for today');
    await waitForEnd(session);
    const frames = frameRecords(session);
    expect(frames.some((frame) => frame.fragment === 'first')).toBe(true);
    expect(frames.some((frame) => frame.opcode === 0xa)).toBe(true);
    await expectSameFramesInTshark(session, 'ws-echo');
    const checksums = execFileSync(
      'tshark',
      ['-r', join(folder, 'ws-echo.pcapng'), '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', '-T', 'fields', '-e', 'ip.checksum.status', '-e', 'tcp.checksum.status'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 },
    );
    // 1 is "Good" for both fields.
    expect(new Set(checksums.trim().split('\n'))).toEqual(new Set(['1\t1']));
  });

  it('lists a close the server started, with its code and reason', async () => {
    server = await startWsServer({ closeAfterMessage: { closeCode: 4001, reason: 'server says bye' } });
    session = await startSession({ url: server.url });
    session.send({ type: 'text', data: 'close me' });
    await waitForEnd(session);
    expect(frameRecords(session, 'in').at(-1)).toMatchObject({ opcode: 8, closeCode: 4001, closeReason: 'server says bye' });
    await expectSameFramesInTshark(session, 'server-close');
  });

  it.skipIf(!python.isAvailable)('lists the compressed frames of a python3-websockets session with permessage-deflate', async () => {
    const greeting = JSON.stringify({ type: 'greeting', items: Array.from({ length: 20 }, (_, index) => ({ index })) });
    pythonServer = await startPythonWs({ perMessageDeflate: true, messagesOnConnect: [greeting, greeting, Uint8Array.from({ length: 300 }, (_, i) => i % 5)] });
    session = await startSession({ url: pythonServer.url, deflate: { enabled: true } });
    await waitForFrames(session, 'in', 3);
    session.send({ type: 'text', data: greeting });
    await waitForFrames(session, 'in', 4);
    session.close(1000, 'bye');
    await waitForEnd(session);
    expect(frameRecords(session, 'in').filter((frame) => frame.rsv1).length).toBeGreaterThanOrEqual(3);
    await expectSameFramesInTshark(session, 'python-deflate');
  });
});
