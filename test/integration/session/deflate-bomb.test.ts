import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/engine/session/session.js';
import { startDeflateBombServer, type DeflateBombServerPeer } from '../../harness/deflate-bomb-server.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { dispose, frameRecords, startSession, waitForEnd } from './session-records.js';

const mebibyte = 1024 * 1024;
const bombs = 3;
// Each message inflates to exactly the session's default limit (maxInflatedBytes, 64 MiB).
const bombBytes = 64 * mebibyte;
// Margin for comparing two sessions' clocks, whose wall-clock anchors are whole milliseconds.
const clockSlackMicros = 2_000;

/**
 * Issue 19: a message that inflates to the limit must not hold the engine's event loop for its
 * whole inflation, however often a peer sends one. The `ws` server (its own process) sends
 * three permessage-deflate messages of 64 MiB of zeros; meanwhile a second session keeps an echo
 * exchange going with another `ws` server. Between the moment each bomb's last byte was read and
 * the moment its record was appended (its inflation), the other session must have been served:
 * echoes recorded inside that window. Inflating a message at once makes that window one
 * uninterrupted task, in which no other session can record anything.
 */
describe('a permessage-deflate bomb, again and again', () => {
  let bombServer: DeflateBombServerPeer;
  let echoServer: WsServerPeer;
  let bombed: Session | undefined;
  let other: Session | undefined;

  beforeAll(async () => {
    bombServer = await startDeflateBombServer(bombs, bombBytes);
    echoServer = await startWsServer();
  });
  afterAll(async () => {
    dispose(bombed);
    dispose(other);
    await bombServer?.stop();
    await echoServer?.stop();
  });

  it('leaves the loop to other sessions while it inflates, and records every message whole', async () => {
    other = await startSession({ url: echoServer.url });
    const echoing = other;
    let isEchoing = true;
    // One message in flight at a time: each echo recorded sends the next.
    echoing.capture.onDidAppend((seq) => {
      if (!isEchoing || echoing.state !== 'open') return;
      const record = echoing.capture.getRecord(seq);
      if (record.kind === 'frame' && record.direction === 'in') echoing.send({ type: 'text', data: `tick ${seq}` });
    });
    echoing.send({ type: 'text', data: 'tick' });

    bombed = await startSession({ url: bombServer.url, deflate: { enabled: true } });
    const session = bombed;
    const appendedAtMicros = new Map<number, number>();
    session.capture.onDidAppend((seq) => appendedAtMicros.set(seq, session.clock.nowMicros()));
    const closed = await waitForEnd(session, 120_000);
    isEchoing = false;

    expect(closed).toMatchObject({ by: 'server', how: 'close-frame', closeCode: 1000 });
    const messages = frameRecords(session, 'in').filter((frame) => frame.opcode === 2);
    expect(messages).toHaveLength(bombs);
    for (const message of messages) {
      expect(message).toMatchObject({ rsv1: true, violations: [] });
      // The retained part (1 MiB by default) of the inflated message: zeros, as sent.
      expect(Buffer.from(message.inflatedPayload ?? '', 'base64').equals(Buffer.alloc(mebibyte))).toBe(true);
    }

    // For each bomb: when its last byte was read (a wire chunk of the bomb session) and when its record was appended.
    const windows = inflationWindows(session, appendedAtMicros);
    expect(windows).toHaveLength(bombs);
    const echoTimes = frameRecords(echoing, 'in').map((echo) => echoing.clock.anchorEpochMicros + echo.atMicros - session.clock.anchorEpochMicros);
    const servedDuring = windows.map(({ readAtMicros, recordedAtMicros }) => echoTimes.filter((at) => at > readAtMicros + clockSlackMicros && at < recordedAtMicros - clockSlackMicros).length);
    expect(servedDuring.every((count) => count > 0), `echoes recorded during each inflation: ${servedDuring.join(', ')}`).toBe(true);
  }, 180_000);
});

/** Per binary message of the bomb session: the time of the read that completed its bytes, and when its record was appended. */
function inflationWindows(session: Session, appendedAtMicros: ReadonlyMap<number, number>): { readAtMicros: number; recordedAtMicros: number }[] {
  const capture = session.capture;
  const reads: { atMicros: number; endOffset: number }[] = [];
  let received = 0;
  for (let index = 0; index < capture.wireChunkCount; index++) {
    const [atMicros, direction, byteLength] = capture.getWireChunk(index);
    if (direction !== 'in') continue;
    received += byteLength;
    reads.push({ atMicros, endOffset: received });
  }
  // The stream starts with the response head; every received frame follows it, in order.
  let offset = Buffer.from(capture.header.handshake?.response?.raw ?? '', 'base64').length;
  const windows: { readAtMicros: number; recordedAtMicros: number }[] = [];
  for (let seq = 0; seq < capture.count; seq++) {
    const record = capture.getRecord(seq);
    if (record.kind !== 'frame' || record.direction !== 'in') continue;
    offset += record.headerBytes.length + record.payloadLength;
    if (record.opcode !== 2) continue;
    const read = reads.find((each) => each.endOffset >= offset);
    const recordedAtMicros = appendedAtMicros.get(seq);
    if (read && recordedAtMicros !== undefined) windows.push({ readAtMicros: read.atMicros, recordedAtMicros });
  }
  return windows;
}
