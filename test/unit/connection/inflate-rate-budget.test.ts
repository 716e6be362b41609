import { describe, expect, it } from 'vitest';
import { StreamInflater } from '../../../electron/engine/deflate/stream-inflater.js';
import { ZlibDeflater } from '../../../electron/engine/deflate/zlib-codec.js';
import type { ConnectionCommand, ConnectionRecord } from '../../../shared/connection/connection-command.js';
import { InflateRateBudget } from '../../../shared/connection/inflate-rate-budget.js';
import type { WebSocketConnection } from '../../../shared/connection/websocket-connection.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { concat } from '../protocol/protocol-fixtures.js';
import { connectionFor, lines, testLimits } from './connection-fixtures.js';

const takeover = { noContextTakeover: false, windowBits: 15 };
const bytesPerSecond = 100_000;
const messageBytes = 60_000;
const messageCount = 5;

/** Five server messages that inflate to 60,000 bytes each (a few dozen bytes on the wire), then a close. */
function serverStream(): Uint8Array {
  const deflater = new ZlibDeflater(takeover);
  const messages = Array.from({ length: messageCount }, (_, index) => encodeFrame({ opcode: Opcode.binary, rsv1: true, payload: deflater.deflate(new Uint8Array(messageBytes).fill(index)) }));
  return concat(...messages, Uint8Array.of(0x88, 0x02, 0x03, 0xe8));
}

function budgetedConnection(sliceBytes: number, mode: 'observe' | 'strict' = 'observe'): WebSocketConnection {
  return connectionFor('client', {
    mode,
    limits: { ...testLimits, maxInflatedBytes: 1 << 20, maxInflatedBytesPerSecond: bytesPerSecond },
    deflate: { inflater: new StreamInflater(takeover), deflater: new ZlibDeflater(takeover), sentInflater: new StreamInflater(takeover), inflateSliceBytes: sliceBytes },
  });
}

interface Timed {
  readonly atMicros: number;
  readonly record: ConnectionRecord;
}

/**
 * The owner's loop in test time (the injected clock): a `yield` resumes at the same instant, an
 * `inflate-wait` timer moves the clock to when it is due. Returns every record with its time and
 * every wait asked for; checks that reading stays paused while anything waits.
 */
function drive(connection: WebSocketConnection, bytes: Uint8Array, endAfterRead: boolean): { records: Timed[]; waitsMs: number[]; endMicros: number } {
  const records: Timed[] = [];
  const waitsMs: number[] = [];
  let now = 0;
  let dueMicros: number | null = null;
  let isYielded = false;
  const take = (commands: readonly ConnectionCommand[]): void => {
    for (const command of commands) {
      if (command.type === 'record') records.push({ atMicros: now, record: command.record });
      if (command.type === 'yield') isYielded = true;
      if (command.type === 'arm-timer' && command.timer === 'inflate-wait') {
        waitsMs.push(command.delayMs);
        dueMicros = now + command.delayMs * 1000;
      }
    }
  };
  connection.start(0);
  take(connection.receive(bytes, now));
  // The peer's FIN right behind its bytes: it waits for what it sent before.
  if (endAfterRead) expect(connection.socketEnded('fin', now)).toEqual([]);
  for (let turns = 0; connection.hasPendingWork; turns++) {
    if (turns > 10_000) throw new Error('the connection never finished its work');
    if (isYielded) {
      isYielded = false;
      take(connection.resume(now));
    } else {
      expect(dueMicros).not.toBeNull();
      now = dueMicros!;
      dueMicros = null;
      take(connection.timerFired('inflate-wait', now));
    }
  }
  return { records, waitsMs, endMicros: now };
}

function inflatedFrames(records: readonly Timed[]): Timed[] {
  return records.filter(({ record }) => record.kind === 'frame' && record.frame.inflatedLength !== undefined);
}

describe('inflated bytes per second (issue 19)', () => {
  for (const sliceBytes of [16 * 1024, 0]) {
    it(`${sliceBytes > 0 ? 'inflating in steps' : 'inflating whole messages'}: every message arrives, the one that reaches the budget is followed by one warning, and inflation keeps to the rate`, () => {
      const { records, waitsMs, endMicros } = drive(budgetedConnection(sliceBytes), serverStream(), true);
      const frames = inflatedFrames(records);
      // Nothing is lost: every message whole, then the close, its reply and the end.
      expect(frames.map(({ record }) => (record.kind === 'frame' ? record.frame.inflatedLength : null))).toEqual(Array(messageCount).fill(messageBytes));
      expect(lines(records.map(({ record }, seq) => ({ type: 'record', seq, record }) as const)).slice(messageCount + 1)).toEqual(['#6 in close fin code=1000', '#7 out close masked fin code=1000', expect.stringMatching(/^#8 closed by=server how=close-frame/)]);
      // Said once, right after the second message (60,000 + 60,000 passes 100,000).
      const budgetAt = records.findIndex(({ record }) => record.kind === 'budget');
      expect(records.filter(({ record }) => record.kind === 'budget')).toHaveLength(1);
      expect(records[budgetAt]!.record).toMatchObject({ kind: 'budget', budget: 'inflated-bytes-per-second', limit: bytesPerSecond });
      expect(records[budgetAt - 1]!.record).toBe(frames[1]!.record);
      // The budget made the connection wait, and by each message's time no more was inflated than the rate allows (one second's worth to start, plus one step or message over).
      expect(waitsMs.length).toBeGreaterThan(0);
      const overshoot = sliceBytes > 0 ? 64 * 1024 : messageBytes;
      frames.forEach(({ atMicros }, index) => expect((index + 1) * messageBytes).toBeLessThanOrEqual(bytesPerSecond * (1 + atMicros / 1e6) + overshoot));
      expect(endMicros).toBeGreaterThanOrEqual(((messageCount * messageBytes - bytesPerSecond - overshoot) / bytesPerSecond) * 1e6);
    });
  }

  it('strict mode waits too: reaching the budget is not a protocol violation, so nothing fails', () => {
    const { records } = drive(budgetedConnection(16 * 1024, 'strict'), serverStream(), false);
    expect(records.some(({ record }) => record.kind === 'failed')).toBe(false);
    expect(inflatedFrames(records)).toHaveLength(messageCount);
    expect(records.filter(({ record }) => record.kind === 'budget')).toHaveLength(1);
  });

  it('without a rate (0) nothing waits and no warning is recorded', () => {
    const connection = connectionFor('client', {
      limits: { ...testLimits, maxInflatedBytes: 1 << 20, maxInflatedBytesPerSecond: 0 },
      deflate: { inflater: new StreamInflater(takeover), deflater: new ZlibDeflater(takeover), sentInflater: new StreamInflater(takeover), inflateSliceBytes: 16 * 1024 },
    });
    const { records, waitsMs } = drive(connection, serverStream(), false);
    expect(waitsMs).toEqual([]);
    expect(records.some(({ record }) => record.kind === 'budget')).toBe(false);
    expect(inflatedFrames(records)).toHaveLength(messageCount);
  });
});

describe('InflateRateBudget', () => {
  it('refills at its rate from the time of each input, up to one second of it, and says how long to wait', () => {
    const budget = new InflateRateBudget(1000);
    budget.refill(0);
    budget.spend(1500);
    expect([budget.isExhausted, budget.waitMs()]).toEqual([true, 501]);
    budget.refill(250_000);
    expect([budget.isExhausted, budget.waitMs()]).toEqual([true, 251]);
    budget.refill(501_000);
    expect(budget.isExhausted).toBe(false);
    budget.refill(10_000_000);
    budget.spend(1000);
    expect(budget.isExhausted).toBe(true);
    // A clock that goes back adds nothing.
    budget.refill(9_000_000);
    expect(budget.waitMs()).toBe(1);
  });
});
