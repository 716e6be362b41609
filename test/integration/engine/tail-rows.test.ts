import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract/api.js';
import { recordFilterKey, recordFilterSchema } from '../../../shared/contract/api-session.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

/**
 * Each records batch carries as many of the session's newest rows as the tallest window showing it
 * draws (`setTailRows`), and a tail read gives a (filtered) view's last rows with the total they
 * reach: against a real `ws` echo server.
 */

let server: WsServerPeer;
let directory: TempDir;
let engine: FramelineEngine;
const batches: EventPayload<'recordsAppended'>[] = [];

beforeAll(async () => {
  server = await startWsServer();
});
afterAll(async () => server?.stop());
afterEach(async () => {
  await engine?.dispose();
  directory?.remove();
  batches.length = 0;
});

async function until<T>(read: () => T | Promise<T>, isDone: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function echoSession(): Promise<string> {
  directory = createTempDir('engine-tail-rows');
  engine = new FramelineEngine({ dataDirectory: directory.file('data'), batchIntervalMs: 10 });
  engine.onEvent((name, payload) => {
    if (name === 'recordsAppended') batches.push(payload as EventPayload<'recordsAppended'>);
  });
  const { sessionId } = await engine.run('openSession', [defaultSessionOptions(`${server.url}tail`)]);
  await until(() => engine.run('listSessions', []), (list) => list.find((each) => each.id === sessionId)?.state === 'open', 'the session to open');
  return sessionId;
}

/** Sends `count` messages and waits for the batch that carries their echoes; returns that batch. */
async function echo(sessionId: string, count: number, from: number): Promise<EventPayload<'recordsAppended'>> {
  for (let index = 0; index < count; index += 1) await engine.run('send', [sessionId, { type: 'text', data: `message ${from + index}` }]);
  const framesIn = await until(() => engine.run('listSessions', []), (list) => (list.find((each) => each.id === sessionId)?.counts.framesIn ?? 0) >= from + count, 'the echoes');
  const records = framesIn.find((each) => each.id === sessionId)!.counts.records;
  return until(() => batches.at(-1), (batch) => batch !== undefined && batch.count === records, 'the batch of the last echo') as Promise<EventPayload<'recordsAppended'>>;
}

/** The newest rows of a batch are the last ones of the session, in order, up to its count. */
function expectNewest(batch: EventPayload<'recordsAppended'>, rows: number): void {
  expect(batch.newest).toHaveLength(Math.min(rows, batch.count));
  expect(batch.newest.map((row) => row.seq)).toEqual(Array.from({ length: batch.newest.length }, (_, index) => batch.count - batch.newest.length + index));
}

describe('the newest rows a batch carries', () => {
  it('follows the tallest window showing the session, and goes back to 100 when none says', async () => {
    const sessionId = await echoSession();
    expectNewest(await echo(sessionId, 150, 0), 100);
    await engine.run('setTailRows', ['tall-window', sessionId, 250]);
    await engine.run('setTailRows', ['short-window', sessionId, 30]);
    expectNewest(await echo(sessionId, 150, 150), 250);
    await engine.run('setTailRows', ['tall-window', null, 250]);
    expectNewest(await echo(sessionId, 20, 300), 30);
    await engine.run('setTailRows', ['short-window', null, 30]);
    expectNewest(await echo(sessionId, 20, 320), 100);
  });

  it('carries the last rows of a filtered view a window follows, once a read of that window built its index', async () => {
    const sessionId = await echoSession();
    const filter = recordFilterSchema.parse({ direction: 'in', search: 'message 1' });
    await engine.run('setTailRows', ['window', sessionId, 40, filter]);
    // No read of the view yet: main does not start an index for a batch.
    expect((await echo(sessionId, 5, 0)).views).toBeUndefined();
    await engine.run('getTailRecords', [sessionId, 40, filter]);
    const batch = await echo(sessionId, 150, 5);
    const carried = batch.views?.find((view) => view.key === recordFilterKey(filter));
    expect(carried).toBeDefined();
    const read = await engine.run('getTailRecords', [sessionId, 40, filter]);
    expect(carried).toEqual({ key: recordFilterKey(filter), ...read });
    expect(carried!.rows).toHaveLength(40);
    expect(carried!.rows.every((row) => row.kind === 'frame' && row.direction === 'in' && row.payloadPreview.includes('message 1'))).toBe(true);
    // The window stops following: batches carry no view again.
    await engine.run('setTailRows', ['window', sessionId, 40, null]);
    expect((await echo(sessionId, 5, 155)).views).toBeUndefined();
  });

  it('carries the views of two windows following the session under different filters, while one of them reads a third', async () => {
    const sessionId = await echoSession();
    const ones = recordFilterSchema.parse({ direction: 'in', search: 'message 1' });
    const twos = recordFilterSchema.parse({ direction: 'in', search: 'message 2' });
    await engine.run('setTailRows', ['window-a', sessionId, 30, ones]);
    await engine.run('setTailRows', ['window-b', sessionId, 30, twos]);
    await engine.run('getTailRecords', [sessionId, 30, ones]);
    await engine.run('getTailRecords', [sessionId, 30, twos]);
    // Window A's user types another filter before following it: its read builds a third index.
    await engine.run('getRecords', [sessionId, 0, 30, recordFilterSchema.parse({ direction: 'in', search: 'message 3' })]);
    const batch = await echo(sessionId, 300, 0);
    for (const filter of [ones, twos]) {
      const carried = batch.views?.find((view) => view.key === recordFilterKey(filter));
      expect(carried, recordFilterKey(filter)).toBeDefined();
      expect(carried).toEqual({ key: recordFilterKey(filter), ...(await engine.run('getTailRecords', [sessionId, 30, filter])) });
    }
  });

  it('refuses a window that asks for more than 300 rows', async () => {
    const sessionId = await echoSession();
    await expect(engine.run('setTailRows', ['window', sessionId, 301])).rejects.toThrow(/<=300/);
  });
});

describe('a tail read', () => {
  it('gives the last rows of the view with the total they reach, filtered or not, frames or messages', async () => {
    const sessionId = await echoSession();
    await echo(sessionId, 120, 0);
    const all = await engine.run('getTailRecords', [sessionId, 50, null]);
    expect(all.from + all.rows.length).toBe(all.total);
    expect(all.rows).toHaveLength(50);
    expect(all.rows.map((row) => row.seq)).toEqual(Array.from({ length: 50 }, (_, index) => all.total - 50 + index));
    const received = await engine.run('getRecords', [sessionId, 0, 0, { direction: 'in' }]);
    const tail = await engine.run('getTailRecords', [sessionId, 40, { direction: 'in', search: 'message 1' }]);
    const page = await engine.run('getRecords', [sessionId, Math.max(0, tail.total - 40), 40, { direction: 'in', search: 'message 1' }]);
    expect(tail.rows).toEqual(page.rows);
    expect(tail.from + tail.rows.length).toBe(tail.total);
    expect(tail.rows.every((row) => row.kind === 'frame' && row.direction === 'in')).toBe(true);
    expect(tail.total).toBeLessThan(received.total);
    const messages = await engine.run('getTailRecords', [sessionId, 300, { unit: 'messages' }]);
    expect(messages.from).toBe(0);
    expect(messages.rows).toHaveLength(messages.total);
  });
});
