import { describe, expect, it } from 'vitest';
import type { EventRecordJson, FrameRecordJson } from '../../../shared/contract/records.js';
import { eventuallyTrue } from '../../harness/eventually.js';
import { useRelayTestBed } from '../../harness/relay-fixture.js';
import { allRecords } from '../../harness/relay-records.js';
import { connectWs } from '../../harness/ws-client.js';
import { startWsServer } from '../../harness/ws-server.js';

const maxRecords = 40;
const messageCount = 60;

/**
 * Issue 19: a relay session that reaches its capture's record budget behaves like any session: the
 * capture says so once in a warning event, later frames are counted and not kept, and they are
 * still carried both ways. Nothing that is kept names a frame that is not (the -1 a frame past the
 * budget gets instead of a seq): not the relay's notes, not a link, not a paused message.
 */
describe('a relay session past its record budget', () => {
  const bed = useRelayTestBed();

  it('warns once, carries every message, and names no frame it did not keep', async () => {
    const upstream = await bed.track(startWsServer());
    const relay = await bed.startRelay(upstream.url, {
      storage: { maxRecords },
      interception: {
        rules: [{ id: 'shout', match: { direction: 'out', pattern: '^ping' }, action: { kind: 'rewrite', find: 'ping', replace: 'PING' } }],
        breakpoints: [{ id: 'hold', match: { direction: 'out', pattern: '^hold' } }],
      },
    });
    const client = await connectWs(relay.address.url);
    const session = await relay.nextSession();
    for (let index = 0; index < messageCount; index++) client.socket.send(`ping ${index}`);
    const echoes = await client.nextMessages(messageCount, 30_000);
    expect(echoes.map((echo) => echo.data.toString())).toEqual(Array.from({ length: messageCount }, (_, index) => `PING ${index}`));

    // A breakpoint past the budget: the paused message is there to act on, naming no seq.
    client.socket.send('hold this');
    await eventuallyTrue(() => session.pausedMessages().length === 1, 'the message to pause');
    const [paused] = session.pausedMessages();
    expect(paused).toMatchObject({ breakpointId: 'hold', seqs: [] });
    session.resolve(paused!.pausedId, { kind: 'forward' });
    expect((await client.nextMessages(1, 10_000))[0]?.data.toString()).toBe('hold this');
    client.socket.close(1000, 'done');
    expect(await client.closed()).toEqual({ code: 1000, reason: 'done' });
    await session.ended;

    const records = allRecords(session);
    const warnings = records.filter((record): record is EventRecordJson => record.kind === 'event' && record.name === 'warning');
    expect(warnings).toEqual([expect.objectContaining({ budget: 'records', limit: maxRecords })]);
    expect(session.capture.memoryUsage().droppedRecords).toBeGreaterThan(0);
    expect(records.at(-1)).toMatchObject({ kind: 'event', name: 'closed' });
    const seqs = new Set(records.map((record) => record.seq));
    for (const record of records) {
      const frame = record as FrameRecordJson;
      if (frame.kind === 'frame' && frame.link !== undefined) expect(seqs.has(frame.link), `link of #${frame.seq}`).toBe(true);
      const named = (record as { seqs?: number[] }).seqs ?? [];
      for (const seq of named) expect(seqs.has(seq), `seqs of #${record.seq}: ${named.join(',')}`).toBe(true);
    }
    // The rule's notes went on past the budget (events have a reserve), without the frames they can no longer name.
    const rewrites = records.filter((record) => record.kind === 'event' && record.name === 'note' && record.seq > warnings[0]!.seq);
    expect(rewrites.length).toBeGreaterThan(0);
    expect((rewrites.at(-1) as { seqs?: number[] }).seqs).toBeUndefined();
  }, 60_000);
});
