import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import { CaptureLog, type CaptureLogOptions } from '../../../electron/engine/capture/capture-log.js';
import { CaptureSeqs } from '../../../electron/engine/connection/capture-seqs.js';
import { ConnectionDriver } from '../../../electron/engine/connection/connection-driver.js';
import { startSessionClock } from '../../../electron/engine/session/session-clock.js';
import { SessionStateCell } from '../../../electron/engine/session/session-state.js';
import { sampleHeader } from '../capture/capture-fixtures.js';
import { connectionFor } from './connection-fixtures.js';

// A server's unmasked text frame "a" (§5.7's single-frame example, shortened).
const textA = Uint8Array.of(0x81, 0x01, 0x61);

/** A socket that keeps what is written and lets the test deliver reads. */
function fakeSocket(): Duplex {
  return new Duplex({ read() {}, write(_chunk, _encoding, done) { done(); } });
}

function drive(options: Omit<CaptureLogOptions, 'header'>): { capture: CaptureLog; socket: Duplex; messages: CompletedMessage[]; driver: ConnectionDriver } {
  const capture = new CaptureLog({ header: sampleHeader(), ...options });
  const socket = fakeSocket();
  const messages: CompletedMessage[] = [];
  const driver = new ConnectionDriver(socket, connectionFor('client', { reportsMessages: true }), {
    capture,
    clock: startSessionClock(),
    state: new SessionStateCell(),
    onClosed: () => undefined,
    onMessage: (message) => messages.push(message),
  });
  driver.start(new Uint8Array(0));
  return { capture, socket, messages, driver };
}

describe('ConnectionDriver and the capture budgets', () => {
  it('names the capture seq of a frame that came after the payload-budget warning', () => {
    const { capture, socket, messages } = drive({ payloadMemoryBudgetBytes: 0, payloadSpillBudgetBytes: 0 });
    socket.emit('data', textA);
    expect(capture.getRecord(0)).toMatchObject({ kind: 'event', name: 'warning', budget: 'payload-bytes' });
    expect(capture.getRecord(1)).toMatchObject({ kind: 'frame', payloadTruncated: true });
    expect(messages.map((message) => message.frameSeqs)).toEqual([[1]]);
    capture.dispose();
  });

  it('keeps recording past the record budget: frames are counted, their messages name no seq, the closed event is kept', () => {
    const { capture, socket, messages } = drive({ maxRecords: 3 });
    for (let i = 0; i < 5; i++) socket.emit('data', textA);
    socket.emit('end');
    expect(capture.count).toBe(4);
    expect(capture.getRecord(2)).toMatchObject({ kind: 'event', name: 'warning', budget: 'records' });
    expect(capture.getRecord(3)).toMatchObject({ kind: 'event', name: 'closed', by: 'path', how: 'fin' });
    expect(capture.memoryUsage().droppedRecords).toBe(3);
    expect(messages.map((message) => message.frameSeqs)).toEqual([[0], [1], [], [], []]);
    capture.dispose();
  });

  it('allows a send from a listener of the append that recorded a frame (its records follow the read)', () => {
    const { capture, socket, messages, driver } = drive({});
    capture.onDidAppend((seq) => {
      const record = capture.getRecord(seq);
      if (record.kind === 'frame' && record.direction === 'in') driver.send({ kind: 'text', payload: Uint8Array.of(0x62) });
    });
    socket.emit('data', Uint8Array.of(...textA, ...textA));
    expect([0, 1, 2, 3].map((seq) => capture.getRecord(seq)).map((record) => (record.kind === 'frame' ? record.direction : record.kind))).toEqual(['in', 'in', 'out', 'out']);
    expect(messages.map((message) => [message.direction, message.frameSeqs])).toEqual([['in', [0]], ['in', [1]], ['out', [2]], ['out', [3]]]);
    capture.dispose();
  });

  it('follows an event its owner appends while the connection runs', () => {
    const { capture, socket, messages } = drive({});
    socket.emit('data', textA);
    capture.appendEvent({ atMicros: 1, name: 'warning', message: 'replay: a variable is missing' });
    socket.emit('data', textA);
    expect(capture.kindAt(2)).toBe('frame');
    expect(messages.map((message) => message.frameSeqs)).toEqual([[0], [2]]);
    capture.dispose();
  });
});

describe('CaptureSeqs', () => {
  it('translates through every shift and leaves out what the capture dropped', () => {
    const seqs = new CaptureSeqs();
    seqs.note(0, 0);
    seqs.note(1, 2);
    seqs.note(2, 3);
    seqs.note(3, -1);
    seqs.note(4, 4);
    seqs.note(5, -1);
    expect(seqs.translate([0, 1, 2, 3, 4, 5])).toEqual([0, 2, 3, 4]);
    expect(seqs.translate([2])).toEqual([3]);
  });

  it('takes a note that comes before others of lower seqs and places it where it belongs', () => {
    const seqs = new CaptureSeqs();
    seqs.note(0, 0);
    seqs.note(2, 3);
    seqs.note(1, 1);
    seqs.note(3, 4);
    expect(seqs.translate([0, 1, 2, 3])).toEqual([0, 1, 3, 4]);
  });
});
