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
});
