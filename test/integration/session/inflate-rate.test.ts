import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/engine/session/session.js';
import type { EventRecordJson, FrameRecordJson } from '../../../shared/contract/records.js';
import { startPythonWs, type PythonWsPeer } from '../../harness/python-ws.js';
import { requirePeer } from '../../harness/require-peer.js';
import { allRecords, dispose, startSession, text, waitForEnd, waitForFrames } from './session-records.js';

const python = requirePeer('python-websockets');

const mebibyte = 1024 * 1024;
const messageCount = 16;
const bytesPerSecond = 4 * mebibyte;

let session: Session | undefined;
let server: PythonWsPeer | undefined;
afterEach(async () => {
  dispose(session);
  session = undefined;
  await server?.stop();
  server = undefined;
});

/**
 * Issue 19, inflated bytes per second: python3-websockets (its own process) sends sixteen text
 * messages of 1 MiB that compress about a thousand to one, as fast as it can. With a budget of
 * 4 MiB a second the session reads at that pace instead: the frame that reaches the budget is
 * followed by one warning event naming it, and every message is there, whole and in order.
 */
describe.skipIf(!python.isAvailable)('a flood of highly compressible messages from python3-websockets', () => {
  it('is read at the inflate budget: one warning after the message that reached it, and every message kept', async () => {
    server = await startPythonWs({ perMessageDeflate: true, flood: { count: messageCount, bytes: mebibyte } });
    session = await startSession({ url: server.url, deflate: { enabled: true }, limits: { maxInflatedBytesPerSecond: bytesPerSecond } });
    await waitForFrames(session, 'in', messageCount, 60_000);
    session.close();
    expect(await waitForEnd(session, 30_000)).toMatchObject({ by: 'client', how: 'close-frame' });

    const records = allRecords(session);
    const received = records.filter((record): record is FrameRecordJson => record.kind === 'frame' && record.direction === 'in' && record.opcode === 1);
    expect(received).toHaveLength(messageCount);
    received.forEach((frame, index) => {
      expect(frame).toMatchObject({ rsv1: true, violations: [] });
      expect(text(frame.inflatedPayload)).toHaveLength(mebibyte);
      expect(text(frame.inflatedPayload).startsWith(`message ${index} message ${index} `)).toBe(true);
      // A thousand to one on the wire: the budget is about inflation, not about bytes read.
      expect(frame.payloadLength).toBeLessThan(mebibyte / 100);
    });

    const warnings = records.filter((record): record is EventRecordJson => record.kind === 'event' && record.name === 'warning');
    // The crossing, then before the close how often and how long reading waited.
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatchObject({ budget: 'inflated-bytes-per-second', limit: bytesPerSecond, pauses: { count: expect.any(Number) }, i18n: { message: { key: 'capture:inflatePauses.summary' } } });
    expect(warnings[0]).toMatchObject({ budget: 'inflated-bytes-per-second', limit: bytesPerSecond, i18n: { message: { key: 'capture:budget.inflatedPerSecond', values: { limit: bytesPerSecond } } } });
    // On the record that crossed it: right after a received message, once at least a second's budget was inflated.
    const crossed = records[warnings[0]!.seq - 1] as FrameRecordJson;
    expect(crossed).toMatchObject({ kind: 'frame', direction: 'in', opcode: 1 });
    expect((received.indexOf(crossed) + 1) * mebibyte).toBeGreaterThanOrEqual(bytesPerSecond);
  }, 120_000);

  it('a bursty server: each burst that outruns the budget is a pause, counted with its time in one warning before the close', async () => {
    server = await startPythonWs({ perMessageDeflate: true, flood: { count: messageCount, bytes: mebibyte } });
    const live = await startSession({ url: server.url, deflate: { enabled: true }, limits: { maxInflatedBytesPerSecond: bytesPerSecond } });
    session = live;
    await waitForFrames(live, 'in', messageCount, 60_000);
    // The second burst: the server echoes eight more messages of 1 MiB, after the first burst was read.
    const echoed = 8;
    for (let index = 0; index < echoed; index += 1) live.send({ type: 'text', data: `echo ${index} `.repeat(mebibyte / 8).slice(0, mebibyte) });
    await waitForFrames(live, 'in', messageCount + echoed, 60_000);
    live.close();
    expect(await waitForEnd(live, 30_000)).toMatchObject({ by: 'client', how: 'close-frame' });

    const records = allRecords(live);
    const warnings = records.filter((record): record is EventRecordJson => record.kind === 'event' && record.name === 'warning');
    expect(warnings.map((warning) => warning.pauses === undefined)).toEqual([true, false]);
    const summary = warnings[1]!;
    expect(records.at(-1)).toMatchObject({ kind: 'event', name: 'closed' });
    expect(summary.seq).toBeGreaterThan(Math.max(...records.filter((record) => record.kind === 'frame').map((record) => record.seq)));
    const pauses = summary.pauses as { count: number; totalMs: number; longestMs: number };
    // At least one pause per burst, and no more than one per message read.
    expect(pauses.count).toBeGreaterThanOrEqual(2);
    expect(pauses.count).toBeLessThanOrEqual(messageCount + echoed);
    expect(pauses.longestMs).toBeGreaterThan(0);
    expect(pauses.longestMs).toBeLessThanOrEqual(pauses.totalMs);
    expect(summary).toMatchObject({ limit: bytesPerSecond, i18n: { message: { key: 'capture:inflatePauses.summary', values: { limit: bytesPerSecond, ...pauses } } } });
    expect(summary.message).toContain(`a second ${pauses.count} times: ${pauses.totalMs.toLocaleString('en-US')} ms in all`);
  }, 120_000);
});
