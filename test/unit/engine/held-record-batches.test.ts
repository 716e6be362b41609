import { describe, expect, it } from 'vitest';
import { holdRecordBatches } from '../../../electron/engine/api/held-record-batches.js';

function outlet() {
  let congested = false;
  const sent: Array<[string, unknown]> = [];
  const events = holdRecordBatches(() => congested, (event, payload) => sent.push([event, payload]));
  return { events, sent, setCongested: (value: boolean) => (congested = value) };
}

const batch = (sessionId: string, count: number) => ({ sessionId, count });

/** Issue 19: the transport-neutral holder behind both the web host's bridge and Electron's IPC. */
describe('holdRecordBatches', () => {
  it('sends every event as it comes while the receiver keeps up', () => {
    const { events, sent } = outlet();
    events.offer('recordsAppended', batch('a', 1));
    events.offer('recordsAppended', batch('a', 2));
    events.offer('sessionChanged', { sessionId: 'a' });
    expect(sent).toEqual([['recordsAppended', batch('a', 1)], ['recordsAppended', batch('a', 2)], ['sessionChanged', { sessionId: 'a' }]]);
  });

  it('holds only the newest batch per session while congested, and lets other events through', () => {
    const { events, sent, setCongested } = outlet();
    setCongested(true);
    for (let count = 1; count <= 100; count++) {
      events.offer('recordsAppended', batch('a', count));
      events.offer('recordsAppended', batch('b', count * 10));
    }
    events.offer('warning', { sessionId: 'a', message: 'budget' });
    expect(sent).toEqual([['warning', { sessionId: 'a', message: 'budget' }]]);
    expect(events.heldCount()).toBe(2);
  });

  it('sends what is held, in the order it was last updated, once the receiver has caught up', () => {
    const { events, sent, setCongested } = outlet();
    setCongested(true);
    events.offer('recordsAppended', batch('a', 1));
    events.offer('recordsAppended', batch('b', 1));
    events.offer('recordsAppended', batch('a', 2));
    events.caughtUp();
    expect(sent).toEqual([]);
    setCongested(false);
    events.caughtUp();
    expect(sent).toEqual([['recordsAppended', batch('b', 1)], ['recordsAppended', batch('a', 2)]]);
    expect(events.heldCount()).toBe(0);
    events.caughtUp();
    expect(sent).toHaveLength(2);
  });

  it('drops the batch held for a removed session and still sends the removal', () => {
    const { events, sent, setCongested } = outlet();
    setCongested(true);
    events.offer('recordsAppended', batch('a', 1));
    events.offer('recordsAppended', batch('b', 1));
    events.offer('sessionRemoved', { sessionId: 'a', reason: 'forgotten' });
    setCongested(false);
    events.caughtUp();
    expect(sent).toEqual([['sessionRemoved', { sessionId: 'a', reason: 'forgotten' }], ['recordsAppended', batch('b', 1)]]);
  });

  it('never sends a held batch after a newer one for the same session', () => {
    const { events, sent, setCongested } = outlet();
    setCongested(true);
    events.offer('recordsAppended', batch('a', 1));
    setCongested(false);
    events.offer('recordsAppended', batch('a', 2));
    events.caughtUp();
    expect(sent).toEqual([['recordsAppended', batch('a', 2)]]);
  });
});
