import { describe, expect, it } from 'vitest';
import { message as sentence } from '../../../shared/i18n/message.js';
import type { ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';
import { frameProtocolAt, protocolRowAt } from '../../../electron/engine/protocol/protocol-rows.js';
import { ProtocolStore } from '../../../electron/engine/protocol/protocol-store.js';

function message(index: number, seqs: number[], extra: Partial<ProtocolMessage> = {}): ProtocolMessage {
  return { protocol: 'stomp', index, direction: 'in', atMicros: index, seqs, kind: 'MESSAGE', summary: `STOMP MESSAGE #${index}`, isControl: false, tree: { n: index }, links: [], rttMicros: undefined, violations: [], ...extra };
}

describe('ProtocolStore', () => {
  it('finds the messages a frame carries: several in one frame, one spanning frames (completed by the last)', () => {
    const store = new ProtocolStore();
    store.add(message(1, [3]));
    store.add(message(2, [3]));
    store.add(message(3, [3, 4]));
    store.add(message(4, [6]));
    expect(store.messagesAt(3).map((each) => each.index)).toEqual([1, 2, 3]);
    expect(protocolRowAt(store, 'stomp', 3)).toMatchObject({ summary: 'STOMP MESSAGE #1 +2', count: 3, isComplete: true });
    expect(protocolRowAt(store, 'stomp', 4)).toMatchObject({ summary: 'STOMP MESSAGE #3', isComplete: true });
    expect(store.messagesAt(5)).toEqual([]);
    expect(store.completingSeq(3)).toBe(4);
    expect(store.completesMessage(4, () => true)).toBe(true);
    expect(store.completesMessage(5, () => true)).toBe(false);
  });

  it('finds a message whose frames are not adjacent (a Socket.IO binary event and its attachments around another message)', () => {
    const store = new ProtocolStore();
    store.add(message(1, [11]));
    store.add(message(2, [10, 12]));
    expect(store.messagesAt(10).map((each) => each.index)).toEqual([2]);
    expect(store.messagesAt(11).map((each) => each.index)).toEqual([1]);
    expect(store.messagesAt(12).map((each) => each.index)).toEqual([2]);
  });

  it('keeps reverse links for navigation, at most 100 per message', () => {
    const store = new ProtocolStore();
    store.add(message(1, [1], { kind: 'SUBSCRIBE' }));
    for (let index = 2; index < 150; index++) store.add(message(index, [index], { links: [{ relation: 'belongs-to', toIndex: 1 }] }));
    expect(store.linkedFrom(1)).toHaveLength(100);
    expect(store.linkedFrom(1).at(-1)).toEqual({ relation: 'belongs-to', fromIndex: 149 });
    expect(protocolRowAt(store, 'stomp', 5)?.links).toEqual([{ relation: 'belongs-to', toSeq: 1 }]);
  });

  it('keeps trees for the newest messages only, and takes back trees decoded again', () => {
    const store = new ProtocolStore({ maxMessages: 100, treeWindow: 2 });
    for (let index = 1; index <= 4; index++) store.add(message(index, [index]));
    expect(store.message(4)?.tree).toEqual({ n: 4 });
    expect(store.message(1)?.tree).toBeUndefined();
    expect(store.message(1)?.summary).toBe('STOMP MESSAGE #1');
    store.restoreTrees(new Map([[1, { n: 1 }]]), [1]);
    expect(store.message(1)?.tree).toEqual({ n: 1 });
  });

  it('lets the oldest messages go past its limits, and says so for frames that old', () => {
    const store = new ProtocolStore({ maxMessages: 3, treeWindow: 10 });
    for (let index = 1; index <= 5; index++) store.add(message(index, [index * 10]));
    expect(store.size).toBe(3);
    expect(store.totalCount).toBe(5);
    expect(store.messagesAt(10)).toEqual([]);
    expect(frameProtocolAt(store, 'stomp', 10)).toEqual({ protocol: 'stomp', messages: [], isEvicted: true });
    expect(frameProtocolAt(store, 'stomp', 35)).toBeNull();
    expect(frameProtocolAt(store, 'stomp', 50)?.messages.map((each) => each.index)).toEqual([5]);
  });

  it('notes frames whose message was not decoded, as a row with the reason', () => {
    const store = new ProtocolStore();
    store.addSkipped({ direction: 'in', seqs: [7, 8], reason: 'the message was not kept whole (1024 of 5000 bytes), so it was not decoded', reasonText: sentence('protocols:skipped.notWhole', { kept: 1024, length: 5000 }) });
    expect(protocolRowAt(store, 'stomp', 8)).toMatchObject({ kind: 'not-decoded', violationCount: 1, summary: 'stomp not decoded: the message was not kept whole (1024 of 5000 bytes), so it was not decoded' });
    expect(frameProtocolAt(store, 'stomp', 7)).toMatchObject({ messages: [], skipped: expect.stringMatching(/not kept whole/) });
  });

  it('gives back every field as it came: one link or several, a round trip of 0, no frame at all', () => {
    const store = new ProtocolStore();
    store.add(message(1, [2], { kind: 'CONNECT', direction: 'out', isControl: true }));
    store.add(message(2, [3], { kind: 'CONNECTED', rttMicros: 0, links: [{ relation: 'answers', toIndex: 1 }] }));
    store.add(message(3, [], { kind: 'SEND', direction: 'out', links: [{ relation: 'continues', toIndex: 2 }, { relation: 'completes', toIndex: 1 }] }));
    store.add(message(4, [5, 6, 7], { protocol: 'mqtt', rttMicros: 1234.5, links: [{ relation: 'acknowledges', toIndex: 9 }] }));
    expect(store.message(1)).toMatchObject({ kind: 'CONNECT', direction: 'out', isControl: true, seqs: [2], links: [], rttMicros: undefined, protocol: 'stomp' });
    expect(store.message(2)).toMatchObject({ kind: 'CONNECTED', direction: 'in', isControl: false, rttMicros: 0, links: [{ relation: 'answers', toIndex: 1 }] });
    expect(store.message(3)).toMatchObject({ seqs: [], links: [{ relation: 'continues', toIndex: 2 }, { relation: 'completes', toIndex: 1 }] });
    // A link forward (a decoder's mistake) is kept as it came, not dropped.
    expect(store.message(4)).toMatchObject({ protocol: 'mqtt', seqs: [5, 6, 7], rttMicros: 1234.5, links: [{ relation: 'acknowledges', toIndex: 9 }] });
    expect(store.completingSeq(3)).toBeUndefined();
    expect(store.completingSeq(4)).toBe(7);
    expect(store.messagesAt(6).map((each) => each.index)).toEqual([4]);
  });

  it('keeps every kind a peer names, past the table of distinct ones', () => {
    const store = new ProtocolStore();
    for (let index = 1; index <= 5000; index++) store.add(message(index, [index], { kind: `type-${index}` }));
    expect(store.message(1)?.kind).toBe('type-1');
    expect(store.message(4095)?.kind).toBe('type-4095');
    expect(store.message(4999)?.kind).toBe('type-4999');
    expect(store.kindsDecoded).toHaveLength(100);
  });

  it('lets the oldest go across whole column chunks, and what is held still reads right', () => {
    const store = new ProtocolStore({ maxMessages: 70_000, treeWindow: 10 });
    for (let index = 1; index <= 150_000; index++) store.add(message(index, [index * 2], { links: index > 1 ? [{ relation: 'belongs-to', toIndex: index - 1 }] : [] }));
    expect(store.size).toBe(70_000);
    expect(store.totalCount).toBe(150_000);
    expect(store.message(80_000)).toBeUndefined();
    expect(store.message(80_001)).toMatchObject({ summary: 'STOMP MESSAGE #80001', seqs: [160_002], links: [{ relation: 'belongs-to', toIndex: 80_000 }] });
    expect(store.messagesAt(160_000)).toEqual([]);
    expect(store.isEvictedSeq(160_000)).toBe(true);
    expect(store.messagesAt(299_998).map((each) => each.index)).toEqual([149_999]);
  });

  it('lets go of the messages completed before a released frame, and keeps one that spans it', () => {
    const store = new ProtocolStore();
    store.add(message(1, [1]));
    store.add(message(2, [2]));
    store.add(message(3, [4]));
    store.add(message(4, [3, 6]));
    store.addSkipped({ direction: 'in', seqs: [2], reason: 'not kept whole', reasonText: sentence('protocols:skipped.notWhole', { kept: 1, length: 2 }) });
    store.releaseCompletedBefore(5);
    expect(store.size).toBe(1);
    expect(store.totalCount).toBe(4);
    expect(store.message(3)).toBeUndefined();
    expect(store.skippedAt(2)).toBeUndefined();
    expect(store.messagesAt(3).map((each) => each.index)).toEqual([4]);
    expect(store.message(4)?.summary).toBe('STOMP MESSAGE #4');
    store.add(message(5, [7]));
    store.releaseCompletedBefore(7);
    expect(store.size).toBe(1);
    expect(store.message(5)?.seqs).toEqual([7]);
    store.releaseCompletedBefore(8);
    expect(store.size).toBe(0);
    store.add(message(6, [8]));
    expect(store.message(6)?.seqs).toEqual([8]);
  });
});
