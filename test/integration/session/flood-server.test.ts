import { afterEach, describe, expect, it } from 'vitest';
import type { FrameRow } from '../../../shared/contract/record-row.js';
import type { Session } from '../../../electron/engine/session/session.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { startFloodServer } from '../../harness/flood-server.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { describeRecords, dispose, lastRecord, startSession, waitForEnd, waitForRecord } from './session-records.js';

let peer: RunningPeer | undefined;
let session: Session | undefined;
afterEach(async () => {
  dispose(session);
  session = undefined;
  await peer?.stop();
  peer = undefined;
});

/** Frame rows of `direction` in seqs [from, from + count). */
function frameRows(current: Session, direction: 'in' | 'out', from: number, count: number): FrameRow[] {
  return current.capture.getRecords(from, count, 1).filter((row): row is FrameRow => row.kind === 'frame' && row.direction === direction);
}

describe('a hostile server in its own process', () => {
  it('floods a million one-byte fragments, ignores our close, then closes: every record is present (issue 19)', async () => {
    const fragments = 1_000_000;
    const hostile = await startFloodServer({ kind: 'flood', fragments });
    peer = hostile;
    // A short close wait, and our close sent at once: the backlog takes far longer than 1 s to decode,
    // so a wait that measured wall time instead of the server's silence would cut it short.
    session = await startSession({ url: hostile.url, limits: { closeTimeoutMs: 1_000 } });
    expect(session.state).toBe('open');
    session.close(1000, 'enough');
    const closed = await waitForEnd(session, 120_000);
    expect(closed, describeRecords(session).slice(-2000)).toMatchObject({ by: 'client', how: 'close-frame', closeCode: 1000 });
    expect(session.frameCounts).toEqual({ framesIn: fragments + 1, framesOut: 1 });

    // Every record present: the capture holds each fragment, in order, between the handshake's records and ours.
    expect(session.capture.countFrames()).toEqual({ framesIn: fragments + 1, framesOut: 1 });
    const [first] = frameRows(session, 'in', 0, 50);
    expect(first).toMatchObject({ opcode: Opcode.text, fragment: 'first', payloadPreview: 'a', violations: [] });
    const messageId = first!.messageId;
    // Our close went out soon after the 101: its record sits before the first fragment or among them.
    let closeSeq = -1;
    for (let from = 0; closeSeq < 0 && from < session.capture.count; from += 5_000) closeSeq = frameRows(session, 'out', from, 5_000)[0]?.seq ?? -1;
    const seqOf = (index: number): number => first!.seq + index + (closeSeq > first!.seq && first!.seq + index >= closeSeq ? 1 : 0);
    // The session's fragment budget (100,000 by default) is crossed once, on the fragment that crossed it
    // (the 100,001st frame of the message); recording goes on. Counted over the received frames themselves.
    const budgetRows: FrameRow[] = [];
    for (let from = first!.seq; budgetRows.length < 100_003; from += 5_000) budgetRows.push(...frameRows(session, 'in', from, 5_000));
    expect(budgetRows.slice(99_998, 100_002).map((row) => [row.opcode, row.fragment, row.messageId, row.violations.map((violation) => violation.rule)])).toEqual([
      [Opcode.continuation, 'middle', messageId, []],
      [Opcode.continuation, 'middle', messageId, []],
      [Opcode.continuation, 'middle', messageId, ['too-many-fragments']],
      [Opcode.continuation, 'middle', messageId, []],
    ]);
    const end = frameRows(session, 'in', seqOf(fragments - 2), 3);
    expect(end.map((row) => [row.opcode, row.fragment, row.messageId])).toEqual([
      [Opcode.continuation, 'middle', messageId],
      [Opcode.continuation, 'last', messageId],
      [Opcode.close, 'whole', messageId + 1],
    ]);
    expect(lastRecord(session)).toMatchObject({ kind: 'event', name: 'closed', by: 'client', how: 'close-frame' });
  }, 180_000);

  it('declares a 2^62-byte frame and goes silent: the frame\'s row is there while the connection is still open (issue 19)', async () => {
    const hostile = await startFloodServer({ kind: 'huge-header' });
    peer = hostile;
    session = await startSession({ url: hostile.url });
    const frame = await waitForRecord(session, (record) => record.kind === 'frame' && record.direction === 'in');
    expect(session.state).toBe('open');
    expect(frame).toMatchObject({ opcode: Opcode.binary, payloadLength: 2 ** 62, payloadTruncated: true, payload: '' });
    expect(frame.kind === 'frame' ? frame.violations.map((violation) => violation.rule) : []).toEqual(['payload-too-big']);
    session.close(1000);
    session.close();
    expect(await waitForEnd(session)).toMatchObject({ by: 'client', closeCode: 1000 });
  });
});
