import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CompletedMessage } from '../../../shared/connection/connection-command.js';
import type { InflateJob, InflateResult, MessageInflater } from '../../../shared/protocol/message-codec.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { ConnectionDriver } from '../../../electron/engine/connection/connection-driver.js';
import { INFLATE_SLICE_BYTES } from '../../../electron/engine/deflate/connection-deflate.js';
import { StreamInflater } from '../../../electron/engine/deflate/stream-inflater.js';
import { ZlibDeflater } from '../../../electron/engine/deflate/zlib-codec.js';
import { startSessionClock } from '../../../electron/engine/session/session-clock.js';
import { SessionStateCell } from '../../../electron/engine/session/session-state.js';
import { sampleHeader } from '../capture/capture-fixtures.js';
import { connectionFor, testLimits } from './connection-fixtures.js';

const takeover = { noContextTakeover: false, windowBits: 15 };
const bombBytes = 16 * 1024 * 1024;
// Turns of the event loop the test waits at most for the message to be recorded.
const maxTurns = 100_000;

/** The engine's inflater, counting every inflated byte it hands out, whether at once or in steps. */
class CountingInflater implements MessageInflater {
  inflatedBytes = 0;
  private readonly inner = new StreamInflater(takeover);

  inflate(compressed: Uint8Array, maxOutputBytes: number): InflateResult {
    const result = this.inner.inflate(compressed, maxOutputBytes);
    if (result.ok) this.inflatedBytes += result.data.length;
    return result;
  }

  begin(compressed: Uint8Array, maxOutputBytes: number): InflateJob {
    const job = this.inner.begin(compressed, maxOutputBytes);
    return {
      step: (sliceBytes, onOutput) => job.step(sliceBytes, (bytes) => {
        this.inflatedBytes += bytes.length;
        onOutput(bytes);
      }),
    };
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Issue 19: a received message that inflates to the limit must not hold the engine's event loop
 * for its whole inflation. Counted in turns of the loop, not in time: between two turns the
 * driver may inflate about one slice, so a 16 MiB message takes dozens of turns. Inflating at
 * once (no slices, or a driver that resumes without yielding) does all 16 MiB in one turn.
 */
describe('ConnectionDriver and a deflate bomb', () => {
  it('inflates a message that reaches the limit one bounded slice per turn of the event loop', async () => {
    const inflater = new CountingInflater();
    const connection = connectionFor('client', {
      limits: { ...testLimits, maxPayloadBytes: bombBytes, maxInflatedBytes: bombBytes },
      deflate: { inflater, deflater: new ZlibDeflater(takeover), sentInflater: new StreamInflater(takeover), inflateSliceBytes: INFLATE_SLICE_BYTES },
      reportsMessages: true,
    });
    const capture = new CaptureLog({ header: sampleHeader() });
    const messages: CompletedMessage[] = [];
    const socket = new Duplex({ read() {}, write(_chunk, _encoding, done) { done(); } });
    const driver = new ConnectionDriver(socket, connection, {
      capture,
      clock: startSessionClock(),
      state: new SessionStateCell(),
      onClosed: () => undefined,
      onMessage: (message) => messages.push(message),
    });
    driver.start(new Uint8Array(0));
    const bomb = encodeFrame({ opcode: Opcode.binary, rsv1: true, payload: new ZlibDeflater(takeover).deflate(new Uint8Array(bombBytes)) });

    socket.emit('data', bomb);
    const perTurn = [inflater.inflatedBytes];
    let counted = inflater.inflatedBytes;
    while (messages.length === 0 && perTurn.length < maxTurns) {
      await nextTurn();
      perTurn.push(inflater.inflatedBytes - counted);
      counted = inflater.inflatedBytes;
    }

    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ opcode: Opcode.binary, isCompressed: true, payloadLength: bombBytes });
    expect(capture.getRecord(0)).toMatchObject({ kind: 'frame', direction: 'in', rsv1: true, violations: [] });
    expect(counted).toBe(bombBytes);
    // A step stops once its slice is used, after at most one more piece of pako's output scratch (64 KiB).
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(2 * INFLATE_SLICE_BYTES);
    expect(perTurn.filter((bytes) => bytes > 0).length).toBeGreaterThanOrEqual(bombBytes / (2 * INFLATE_SLICE_BYTES));
    capture.dispose();
  });
});
