import { describe, expect, it } from 'vitest';
import { StreamInflater } from '../../../electron/engine/deflate/stream-inflater.js';
import { ZlibDeflater } from '../../../electron/engine/deflate/zlib-codec.js';
import type { ConnectionCommand, ConnectionRecord } from '../../../shared/connection/connection-command.js';
import { InflatePauseTally } from '../../../shared/connection/inflate-pause-tally.js';
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

const serverClose = Uint8Array.of(0x88, 0x02, 0x03, 0xe8);

/** Five server messages that inflate to 60,000 bytes each (a few dozen bytes on the wire), from one compression context. */
function serverMessages(deflater = new ZlibDeflater(takeover)): Uint8Array {
  return concat(...Array.from({ length: messageCount }, (_, index) => encodeFrame({ opcode: Opcode.binary, rsv1: true, payload: deflater.deflate(new Uint8Array(messageBytes).fill(index)) })));
}

/** Those five messages, then a close. */
function serverStream(): Uint8Array {
  return concat(serverMessages(), serverClose);
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
function drive(connection: WebSocketConnection, bytes: Uint8Array | readonly Uint8Array[], endAfterRead: boolean, gapMicros = 0, onCaughtUp?: (burst: number) => void): { records: Timed[]; waitsMs: number[]; endMicros: number } {
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
  const bursts = bytes instanceof Uint8Array ? [bytes] : bytes;
  connection.start(0);
  bursts.forEach((burst, index) => {
    // Each later burst arrives `gapMicros` after the connection caught up with the one before.
    if (index > 0) now += gapMicros;
    take(connection.receive(burst, now));
    // The peer's FIN right behind its bytes: it waits for what it sent before.
    if (endAfterRead && index === bursts.length - 1) expect(connection.socketEnded('fin', now)).toEqual([]);
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
    onCaughtUp?.(index);
  });
  return { records, waitsMs, endMicros: now };
}

function budgetRecords(records: readonly Timed[]): Array<ConnectionRecord & { kind: 'budget' }> {
  return records.flatMap(({ record }) => (record.kind === 'budget' ? [record] : []));
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
      expect(lines(records.map(({ record }, seq) => ({ type: 'record', seq, record }) as const)).slice(messageCount + 1)).toEqual(['#6 in close fin code=1000', '#7 out close masked fin code=1000', '#8 budget inflated-bytes-per-second 100000', expect.stringMatching(/^#9 closed by=server how=close-frame/)]);
      // Said once, right after the second message (60,000 + 60,000 passes 100,000).
      const budgetAt = records.findIndex(({ record }) => record.kind === 'budget');
      expect(budgetRecords(records).filter((record) => record.pauses === undefined)).toHaveLength(1);
      expect(records[budgetAt]!.record).toMatchObject({ kind: 'budget', budget: 'inflated-bytes-per-second', limit: bytesPerSecond });
      expect(records[budgetAt - 1]!.record).toBe(frames[1]!.record);
      // One stretch of waits, from that crossing until the last message was read, summed up before the close.
      const [summary] = budgetRecords(records).filter((record) => record.pauses !== undefined);
      expect(summary?.pauses).toEqual({ count: 1, totalMs: waitsMs.reduce((sum, each) => sum + each, 0), longestMs: waitsMs.reduce((sum, each) => sum + each, 0) });
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
    // Still open (no end was fed): the pauses are summed up at the close.
    expect(budgetRecords(records).map((record) => record.pauses)).toEqual([undefined]);
  });

  it('a bursty peer: each burst that outruns the budget is one pause, counted with its time, in one record before the close', () => {
    const deflater = new ZlibDeflater(takeover);
    const bursts = [serverMessages(deflater), concat(serverMessages(deflater), serverMessages(deflater)), concat(serverMessages(deflater), serverClose)];
    const { records, waitsMs } = drive(budgetedConnection(16 * 1024), bursts, true, 5_000_000);
    expect(inflatedFrames(records)).toHaveLength(4 * messageCount);
    // The first crossing is still said once; the pauses come after every frame, right before `closed`.
    const budgets = budgetRecords(records);
    expect(budgets.map((record) => record.pauses === undefined)).toEqual([true, false]);
    expect(records.at(-2)!.record).toBe(budgets[1]);
    expect(records.at(-1)!.record.kind).toBe('closed');
    const pauses = budgets[1]!.pauses!;
    // Three bursts, five seconds apart (the budget refills in between), each waited for; the middle one (twice as long) waited longest.
    expect(pauses.count).toBe(3);
    expect(pauses.totalMs).toBe(waitsMs.reduce((sum, each) => sum + each, 0));
    expect(pauses.longestMs).toBeGreaterThan(pauses.totalMs / 3);
    expect(pauses.longestMs).toBeLessThan(pauses.totalMs);
    expect(budgets[1]).toMatchObject({ limit: bytesPerSecond, i18n: { message: { key: 'capture:inflatePauses.summary', values: { limit: bytesPerSecond, count: 3, totalMs: pauses.totalMs, longestMs: pauses.longestMs } } } });
    expect(budgets[1]!.message).toBe(`Reading waited for the inflate budget of 100,000 bytes a second 3 times: ${pauses.totalMs.toLocaleString('en-US')} ms in all, the longest ${pauses.longestMs.toLocaleString('en-US')} ms.`);
  });

  it('while open, the pauses so far are there to read after each burst, and the record before the close agrees', () => {
    const deflater = new ZlibDeflater(takeover);
    const bursts = [serverMessages(deflater), serverMessages(deflater), concat(serverMessages(deflater), serverClose)];
    const connection = budgetedConnection(16 * 1024);
    expect(connection.inflatePausesAt(0)).toBeNull();
    const seen: Array<{ state: string; count: number | undefined; totalMs: number | undefined; waitingMs: number | undefined }> = [];
    const { records, endMicros } = drive(connection, bursts, true, 5_000_000, () => {
      const pauses = connection.inflatePausesAt(0);
      seen.push({ state: connection.state, count: pauses?.count, totalMs: pauses?.totalMs, waitingMs: pauses?.waitingMs });
    });
    // One pause per burst, each over once reading caught up, while the connection was still open.
    expect(seen.slice(0, 2).map(({ state, count, waitingMs }) => [state, count, waitingMs])).toEqual([['open', 1, 0], ['open', 2, 0]]);
    expect(seen[1]!.totalMs).toBeGreaterThan(seen[0]!.totalMs!);
    const [summary] = budgetRecords(records).filter((record) => record.pauses !== undefined);
    expect(summary?.pauses?.count).toBe(3);
    expect(connection.inflatePausesAt(endMicros + 1_000_000)).toEqual({ limit: bytesPerSecond, ...summary!.pauses, waitingMs: 0 });
  });

  it('a pause that still runs counts, up to the time asked about, and says reading waits', () => {
    const connection = budgetedConnection(16 * 1024);
    connection.start(0);
    // Inflating in steps (a yield each) until the budget is used up and reading waits for it.
    const isWait = (commands: readonly ConnectionCommand[]): boolean => commands.some((command) => command.type === 'arm-timer' && command.timer === 'inflate-wait');
    let commands = connection.receive(serverMessages(), 0);
    for (let steps = 0; !isWait(commands) && steps < 100; steps++) commands = connection.resume(0);
    expect(isWait(commands)).toBe(true);
    expect(connection.inflatePausesAt(250_000)).toEqual({ limit: bytesPerSecond, count: 1, totalMs: 250, longestMs: 250, waitingMs: 250 });
    expect(connection.inflatePausesAt(400_000)).toEqual({ limit: bytesPerSecond, count: 1, totalMs: 400, longestMs: 400, waitingMs: 400 });
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
    expect(connection.inflatePausesAt(0)).toBeNull();
  });
});

describe('InflatePauseTally', () => {
  it('counts a stretch of waits once, from its first wait until reading caught up, and ends a running one for the summary', () => {
    const tally = new InflatePauseTally();
    expect(tally.summary(0)).toBeNull();
    tally.resumed(1_000);
    tally.paused(1_000);
    tally.paused(1_500_000);
    tally.resumed(2_001_000);
    tally.paused(3_000_000);
    tally.resumed(3_250_400);
    tally.paused(4_000_000);
    expect(tally.summary(4_100_000)).toEqual({ count: 3, totalMs: 2_350, longestMs: 2_000 });
    // The running pause was ended by the summary: nothing is counted twice.
    expect(tally.summary(9_000_000)).toEqual({ count: 3, totalMs: 2_350, longestMs: 2_000 });
  });

  it('counts a running pause up to the time asked about without ending it, so reading it changes nothing', () => {
    const tally = new InflatePauseTally();
    expect(tally.soFar(0)).toBeNull();
    tally.paused(0);
    expect([tally.runningMs(250_000), tally.soFar(250_000)]).toEqual([250, { count: 1, totalMs: 250, longestMs: 250 }]);
    tally.resumed(400_000);
    expect([tally.runningMs(900_000), tally.soFar(900_000)]).toEqual([0, { count: 1, totalMs: 400, longestMs: 400 }]);
    tally.paused(1_000_000);
    expect(tally.soFar(1_050_000)).toEqual({ count: 2, totalMs: 450, longestMs: 400 });
    expect(tally.soFar(1_500_000)).toEqual({ count: 2, totalMs: 900, longestMs: 500 });
    tally.resumed(1_100_000);
    expect(tally.soFar(5_000_000)).toEqual({ count: 2, totalMs: 500, longestMs: 400 });
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
