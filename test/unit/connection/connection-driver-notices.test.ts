import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { ConnectionDriver } from '../../../electron/engine/connection/connection-driver.js';
import { startSessionClock } from '../../../electron/engine/session/session-clock.js';
import { SessionStateCell } from '../../../electron/engine/session/session-state.js';
import { sampleHeader } from '../capture/capture-fixtures.js';
import { connectionFor, toHex } from './connection-fixtures.js';

// The driver appends each record to the capture while the connection decodes a read, and tells
// the capture's listeners only once the read is done: a listener that sends, closes or aborts then
// meets the connection between inputs. These are the re-entrant paths.

// A server's text frames "a" and "b" and a ping "p", in one read.
const read = Uint8Array.of(0x81, 0x01, 0x61, 0x89, 0x01, 0x70, 0x81, 0x01, 0x62);

function drive(): { capture: CaptureLog; socket: Duplex; written: string[]; driver: ConnectionDriver; state: SessionStateCell } {
  const capture = new CaptureLog({ header: sampleHeader() });
  const written: string[] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Uint8Array, _encoding, done) {
      written.push(toHex(chunk));
      done();
    },
  });
  const state = new SessionStateCell();
  const driver = new ConnectionDriver(socket, connectionFor('client'), { capture, clock: startSessionClock(), state, onClosed: () => undefined });
  driver.start(new Uint8Array(0));
  return { capture, socket, written, driver, state };
}

function kinds(capture: CaptureLog): string[] {
  const out: string[] = [];
  for (let seq = 0; seq < capture.count; seq++) {
    const record = capture.getRecord(seq);
    out.push(record.kind === 'frame' ? `${record.direction} ${record.opcode}` : record.kind === 'event' ? record.name : record.kind);
  }
  return out;
}

describe('ConnectionDriver and listeners of the capture', () => {
  it('has every record of a read in the capture before a listener hears of the first', () => {
    const { capture, socket } = drive();
    const countsSeen: number[] = [];
    capture.onDidAppend(() => countsSeen.push(capture.count));
    socket.emit('data', read);
    // Three frames read, then our pong: all four are in before anyone hears of record 0.
    expect(countsSeen).toEqual([4, 4, 4, 4]);
    expect(kinds(capture)).toEqual(['in 1', 'in 9', 'in 1', 'out 10']);
    capture.dispose();
  });

  it('takes a send from a listener after the read and its pong', async () => {
    const { capture, socket, driver, written } = drive();
    capture.onDidAppend((seq) => {
      if (seq === 0) driver.send({ kind: 'text', payload: Uint8Array.of(0x63) });
    });
    socket.emit('data', read);
    expect(kinds(capture)).toEqual(['in 1', 'in 9', 'in 1', 'out 10', 'out 1']);
    await new Promise((resolve) => setImmediate(resolve));
    // The pong (masked with the test key) is written before the listener's message.
    expect(written.map((bytes) => bytes.slice(0, 5))).toEqual(['8a 81', '81 81']);
    capture.dispose();
  });

  it('takes a close from a listener: the whole read is recorded first, then our close', () => {
    const { capture, socket, driver, state } = drive();
    capture.onDidAppend((seq) => {
      if (seq === 0) driver.close(1000);
    });
    socket.emit('data', read);
    expect(kinds(capture)).toEqual(['in 1', 'in 9', 'in 1', 'out 10', 'out 8']);
    expect(state.current).toBe('closing');
    driver.abort();
    capture.dispose();
  });

  it('takes an abort from a listener: the read, then the closed event, then nothing more', () => {
    const { capture, socket, driver, state } = drive();
    capture.onDidAppend((seq) => {
      if (seq === 0) driver.abort('enough');
    });
    socket.emit('data', read);
    expect(kinds(capture)).toEqual(['in 1', 'in 9', 'in 1', 'out 10', 'closed']);
    expect(state.current).toBe('closed');
    expect(capture.isSealed).toBe(true);
    capture.dispose();
  });
});
