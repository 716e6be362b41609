import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/engine/session/session.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { bytes, describeRecords, dispose, frameRecords, handshakeRecord, lastRecord, startSession, text, waitForEnd, waitForFrames, waitForRecord } from './session-records.js';

let session: Session | undefined;
afterEach(() => {
  dispose(session);
  session = undefined;
});

describe('session against the ws echo server', () => {
  let server: WsServerPeer;
  beforeAll(async () => {
    server = await startWsServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('opens with a 101 whose checks all pass', async () => {
    session = await startSession({ url: server.url });
    expect(session.state).toBe('open');
    const handshake = handshakeRecord(session);
    expect(handshake.response?.statusCode).toBe(101);
    expect(handshake.checks.length).toBeGreaterThan(0);
    expect(handshake.checks.filter((check) => !check.ok)).toEqual([]);
    expect(text(handshake.request.raw)).toMatch(/^GET \/ HTTP\/1\.1\r\n/);
    expect(handshake.request.headers.map(([name]) => name.toLowerCase())).toEqual(expect.arrayContaining(['upgrade', 'connection', 'sec-websocket-key']));
  });

  it('records a text message out (masked, exact bytes) and its echo in (unmasked)', async () => {
    session = await startSession({ url: server.url });
    session.send({ type: 'text', data: 'héllo, ws' });
    const [echo] = await waitForFrames(session, 'in', 1);
    const [sent] = frameRecords(session, 'out');
    expect(sent).toMatchObject({ opcode: Opcode.text, fin: true, masked: true, rsv1: false, payloadLength: Buffer.byteLength('héllo, ws'), violations: [] });
    expect(sent!.maskingKey).toMatch(/^[0-9a-f]{8}$/);
    expect(text(sent!.payload)).toBe('héllo, ws');
    expect(echo).toMatchObject({ direction: 'in', opcode: Opcode.text, fin: true, masked: false, maskingKey: null, violations: [] });
    expect(text(echo!.payload)).toBe('héllo, ws');
    // Header bytes as they crossed the wire: FIN+text, MASK bit set out, clear in.
    expect([...bytes(sent!.headerBytes).subarray(0, 2)]).toEqual([0x81, 0x80 | 10]);
    expect([...bytes(echo!.headerBytes)]).toEqual([0x81, 10]);
    expect(server.receivedMessages().at(-1)?.data.toString()).toBe('héllo, ws');
  });

  it('echoes binary bytes unchanged', async () => {
    session = await startSession({ url: server.url });
    const payload = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0x00]);
    session.send({ type: 'binary', base64: payload.toString('base64') });
    const [echo] = await waitForFrames(session, 'in', 1);
    expect(echo).toMatchObject({ opcode: Opcode.binary, fin: true, payloadLength: payload.length, violations: [] });
    expect(bytes(echo!.payload).equals(payload)).toBe(true);
    expect(frameRecords(session, 'out')[0]).toMatchObject({ opcode: Opcode.binary, masked: true, payloadLength: payload.length });
  });

  it('sends a crafted message in fragments that the server reassembles', async () => {
    session = await startSession({ url: server.url });
    const message = 'fragmented across four frames!';
    session.send({ type: 'frame', opcode: Opcode.text, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'random', payload: Buffer.from(message).toString('base64'), fragmentSize: 8 });
    const [echo] = await waitForFrames(session, 'in', 1);
    const sent = frameRecords(session, 'out');
    expect(sent.map((frame) => [frame.opcode, frame.fin, frame.fragment, frame.payloadLength])).toEqual([
      [Opcode.text, false, 'first', 8],
      [Opcode.continuation, false, 'middle', 8],
      [Opcode.continuation, false, 'middle', 8],
      [Opcode.continuation, true, 'last', 6],
    ]);
    expect(new Set(sent.map((frame) => frame.messageId)).size).toBe(1);
    expect(sent.every((frame) => frame.masked && frame.violations.length === 0)).toBe(true);
    expect(sent.map((frame) => text(frame.payload)).join('')).toBe(message);
    expect(server.receivedMessages().at(-1)).toMatchObject({ isBinary: false });
    expect(server.receivedMessages().at(-1)?.data.toString()).toBe(message);
    expect(echo).toMatchObject({ opcode: Opcode.text, fin: true, fragment: 'whole' });
    expect(text(echo!.payload)).toBe(message);
  });

  it('pairs the pong with our ping and records the round-trip time on it', async () => {
    session = await startSession({ url: server.url });
    session.send({ type: 'ping', base64: Buffer.from('are you there').toString('base64') });
    const pong = await waitForRecord(session, (r) => r.kind === 'frame' && r.direction === 'in' && r.opcode === Opcode.pong);
    expect(pong.kind === 'frame' && text(pong.payload)).toBe('are you there');
    expect(pong.kind === 'frame' ? pong.rttMicros : undefined).toEqual(expect.any(Number));
    expect(frameRecords(session, 'out')).toMatchObject([{ opcode: Opcode.ping, masked: true, payloadLength: 13 }]);
  });

  it('ends with a closing handshake we started: close out, echo in, closed by client', async () => {
    session = await startSession({ url: server.url });
    session.close(1000, 'bye');
    const closed = await waitForEnd(session);
    expect(closed).toMatchObject({ by: 'client', how: 'close-frame', closeCode: 1000, closeReason: 'bye' });
    const closes = frameRecords(session).filter((frame) => frame.opcode === Opcode.close);
    expect(closes.map((frame) => [frame.direction, frame.closeCode])).toEqual([['out', 1000], ['in', 1000]]);
    expect(lastRecord(session)).toMatchObject({ kind: 'event', name: 'closed', by: 'client', how: 'close-frame', closeCode: 1000 });
  });
});

describe('session against a ws server that pings', () => {
  let server: WsServerPeer;
  beforeAll(async () => {
    server = await startWsServer({ pingIntervalMs: 50 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers each server ping with a pong carrying the same payload (auto-pong on by default)', async () => {
    session = await startSession({ url: server.url });
    await waitForFrames(session, 'out', 2);
    const pings = frameRecords(session, 'in').filter((frame) => frame.opcode === Opcode.ping);
    const pongs = frameRecords(session, 'out').filter((frame) => frame.opcode === Opcode.pong);
    expect(pings.length).toBeGreaterThanOrEqual(2);
    expect(pongs.length).toBeGreaterThanOrEqual(2);
    expect(pongs.slice(0, 2).map((pong) => text(pong.payload))).toEqual(['1', '2']);
    expect(pings.slice(0, 2).map((ping) => text(ping.payload))).toEqual(['1', '2']);
    expect(pongs.every((pong) => pong.masked && pong.violations.length === 0)).toBe(true);
  });

  it('stays silent with auto-pong off: pings in, no pong out', async () => {
    session = await startSession({ url: server.url, heartbeat: { autoPong: false } });
    await waitForRecord(session, (r) => r.kind === 'frame' && r.direction === 'in' && r.opcode === Opcode.ping && text(r.payload) === '3');
    expect(frameRecords(session, 'out'), describeRecords(session)).toEqual([]);
    session.close(1000);
    await waitForEnd(session);
    expect(frameRecords(session, 'out').map((frame) => frame.opcode)).toEqual([Opcode.close]);
  });
});

describe('session against a ws server that closes with 1011', () => {
  let server: WsServerPeer;
  beforeAll(async () => {
    server = await startWsServer({ isEcho: false, closeAfterMessage: { closeCode: 1011, reason: 'internal trouble' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('records the close in, our echoed close out, and closed by server with code and reason', async () => {
    session = await startSession({ url: server.url });
    session.send({ type: 'text', data: 'trigger' });
    const closed = await waitForEnd(session);
    expect(closed).toMatchObject({ by: 'server', how: 'close-frame', closeCode: 1011, closeReason: 'internal trouble' });
    const closeFrames = frameRecords(session).filter((frame) => frame.opcode === Opcode.close);
    expect(closeFrames.map((frame) => ({ direction: frame.direction, closeCode: frame.closeCode, closeReason: frame.closeReason, masked: frame.masked }))).toEqual([
      { direction: 'in', closeCode: 1011, closeReason: 'internal trouble', masked: false },
      { direction: 'out', closeCode: 1011, closeReason: '', masked: true },
    ]);
    expect(lastRecord(session)).toMatchObject({ kind: 'event', name: 'closed', by: 'server', how: 'close-frame', closeCode: 1011, closeReason: 'internal trouble' });
  });
});
