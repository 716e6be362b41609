import { describe, expect, it } from 'vitest';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { SessionState } from '../../../shared/contract/api-session.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { renderMessage, type Message } from '../../../shared/i18n/message.js';
import { reconnectPolicySchema, type ReconnectPolicy } from '../../../shared/workspace/reconnect-policy.js';
import { AutoReconnect, type ChainLink, type ReconnectClock, type WatchedSession } from '../../../electron/engine/workspace/auto-reconnect.js';

/**
 * Playbooks for auto-reconnect (STYLE.md §10): sessions open and end as scripted, time moves only
 * when the test moves it, and every thing the chain does is a line — a timer armed, a session
 * opened with its note, a replay, the stop.
 */

/** A session whose state and end the test scripts. */
class ScriptedSession implements WatchedSession {
  readonly ended: Promise<ClosedDetails>;
  private finish!: (closed: ClosedDetails) => void;
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor() {
    this.ended = new Promise((resolve) => (this.finish = resolve));
  }

  onDidChangeState(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  open(): void {
    for (const listener of [...this.listeners]) listener('open');
  }

  end(closed: ClosedDetails): void {
    for (const listener of [...this.listeners]) listener('closed');
    this.finish(closed);
  }
}

/** Time that moves only through `advance`; timers fire in order of their due time. */
class ManualClock implements ReconnectClock {
  private now = 1_000_000;
  private nextHandle = 1;
  private readonly timers = new Map<number, { dueMs: number; callback: () => void }>();

  constructor(private readonly log: string[]) {}

  nowMs(): number {
    return this.now;
  }

  setTimer(callback: () => void, delayMs: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { dueMs: this.now + delayMs, callback });
    this.log.push(`timer ${delayMs}`);
    return handle;
  }

  clearTimer(handle: unknown): void {
    if (this.timers.delete(handle as number)) this.log.push('timer cleared');
  }

  get pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.dueMs <= until).sort((a, b) => a[1].dueMs - b[1].dueMs)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].dueMs;
      due[1].callback();
    }
    this.now = until;
  }
}

/** A chain over scripted sessions, with everything it does written to `log`. */
function chainFor(policy: Partial<ReconnectPolicy>, randoms: readonly number[] = [1]) {
  const log: string[] = [];
  const notes: Message[] = [];
  const clock = new ManualClock(log);
  const sessions: ScriptedSession[] = [];
  let draw = 0;
  const chain = new AutoReconnect<ScriptedSession>(reconnectPolicySchema.parse({ isEnabled: true, ...policy }), {
    clock,
    random: () => randoms[Math.min(draw++, randoms.length - 1)]!,
    open: (previous, note) => {
      const session = new ScriptedSession();
      sessions.push(session);
      const sessionId = `#${sessions.length}`;
      if (note !== null) notes.push(note);
      log.push(previous === null || note === null ? `open ${sessionId}` : `open ${sessionId} after ${previous.sessionId}: ${englishText(note)}`);
      return { session, sessionId };
    },
    replay: (link: ChainLink<ScriptedSession>) => log.push(`replay on ${link.sessionId}`),
    onStopped: (reason, last) => log.push(`stopped ${reason} at ${last.sessionId}`),
  });
  /** The lines written since the last call. */
  let read = 0;
  const lines = (): string[] => {
    const fresh = log.slice(read);
    read = log.length;
    return fresh;
  };
  return { chain, clock, sessions, lines, notes, latest: () => sessions[sessions.length - 1]! };
}

/** Lets the chain see a session's end (it arrives through a promise). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await Promise.resolve();
}

const serverRestart: ClosedDetails = { by: 'server', how: 'close-frame', closeCode: 1012, closeReason: 'restart' };
const refused: ClosedDetails = { by: 'path', how: 'error', message: 'connect ECONNREFUSED 127.0.0.1:9' };
const reset: ClosedDetails = { by: 'path', how: 'rst' };

describe('auto-reconnect: backoff with jitter', () => {
  it('waits min(cap, base·2^(attempt-1)) scaled by the jitter draw, never less than half the base, and opens nothing before the wait is over', async () => {
    const { chain, clock, lines, latest } = chainFor({ baseMs: 500, capMs: 30_000, maxAttempts: 10 }, [1, 0.5, 0]);
    chain.start();
    expect(lines()).toEqual(['open #1']);
    latest().open();
    latest().end(serverRestart);
    await settle();
    expect(lines()).toEqual(['timer 500']);
    clock.advance(499);
    expect(lines()).toEqual([]);
    clock.advance(1);
    expect(lines()).toEqual(['open #2 after #1: auto-reconnect attempt 1 of 10 after a 500 ms backoff; the connection has been down 0.5 s (the previous session ended: close frame from the server with code 1012 "restart")']);

    latest().end(refused);
    await settle();
    // Attempt 2: ceiling 1000, floor 250, draw 0.5 → 625.
    expect(lines()).toEqual(['timer 625']);
    clock.advance(625);
    expect(lines()).toEqual(['open #3 after #2: auto-reconnect attempt 2 of 10 after a 625 ms backoff; the connection has been down 1.1 s (the previous session ended: ended with an error: connect ECONNREFUSED 127.0.0.1:9)']);

    latest().end(refused);
    await settle();
    // Attempt 3, draw 0: the floor of half the base.
    expect(lines()).toEqual(['timer 250']);
  });

  it('writes its note as a message, read in English and in Chinese', async () => {
    const { chain, clock, notes, latest } = chainFor({ baseMs: 500, capMs: 30_000, maxAttempts: 10 }, [1]);
    chain.start();
    latest().open();
    latest().end(serverRestart);
    await settle();
    clock.advance(500);
    expect(notes).toHaveLength(1);
    expect(renderMessage(createTranslate('zh-CN'), notes[0]!)).toBe(
      '自动重连：第 1 次（共 10 次），退避 500 ms 后发起；连接已断开 0.5 秒（上一个会话的结束方式：来自服务端的关闭帧，关闭码 1012“restart”）',
    );
  });

  it('stops doubling at the cap', async () => {
    const { chain, clock, lines, latest } = chainFor({ baseMs: 500, capMs: 2_000, maxAttempts: 10 });
    chain.start();
    lines();
    const delays: string[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      latest().end(reset);
      await settle();
      const [armed] = lines();
      delays.push(armed!);
      clock.advance(Number(armed!.split(' ')[1]));
      expect(lines()).toHaveLength(1);
    }
    expect(delays).toEqual(['timer 500', 'timer 1000', 'timer 2000', 'timer 2000', 'timer 2000']);
  });
});

describe('auto-reconnect: attempt limit', () => {
  it('gives up after maxAttempts failures in a row, arming no further timer', async () => {
    const { chain, clock, lines, latest } = chainFor({ baseMs: 100, capMs: 100, maxAttempts: 3 });
    chain.start();
    for (let failure = 1; failure <= 3; failure++) {
      latest().end(refused);
      await settle();
      clock.advance(100);
    }
    expect(lines().filter((line) => line.startsWith('open'))).toHaveLength(4);
    latest().end(refused);
    await settle();
    expect(lines()).toEqual(['stopped gave-up at #4']);
    expect(clock.pending).toBe(0);
    expect(chain.isActive).toBe(false);
  });

  it('counts failures in a row only: a session that opens starts the count again', async () => {
    const { chain, clock, lines, latest } = chainFor({ baseMs: 100, capMs: 10_000, maxAttempts: 2 });
    chain.start();
    latest().end(refused);
    await settle();
    clock.advance(100);
    latest().end(refused);
    await settle();
    expect(lines().at(-1)).toBe('timer 200');
    clock.advance(200);
    latest().open();
    latest().end(serverRestart);
    await settle();
    // Attempt 1 again after the open: the base delay, and the note counts from 1.
    expect(lines()).toEqual([expect.stringMatching(/^open #3 after #2: auto-reconnect attempt 2 of 2/), 'replay on #3', 'timer 100']);
    clock.advance(100);
    expect(lines()).toEqual([expect.stringMatching(/^open #4 after #3: auto-reconnect attempt 1 of 2 after a 100 ms backoff; the connection has been down 0\.1 s/)]);
  });
});

describe('auto-reconnect: replay', () => {
  it('replays on every reconnect that opens, once, and never on the first session', async () => {
    const { chain, clock, lines, latest } = chainFor({ baseMs: 100, capMs: 100, maxAttempts: 5, replay: ['login'] });
    chain.start();
    latest().open();
    expect(lines()).toEqual(['open #1']);
    latest().end(reset);
    await settle();
    clock.advance(100);
    latest().end(refused);
    await settle();
    clock.advance(100);
    lines();
    latest().open();
    latest().open();
    expect(lines()).toEqual(['replay on #3']);
  });
});

describe('auto-reconnect: stop', () => {
  it('a close of our own ends the chain without a reconnect', async () => {
    const { chain, clock, lines, latest } = chainFor({});
    chain.start();
    latest().open();
    latest().end({ by: 'client', how: 'close-frame', closeCode: 1000 });
    await settle();
    expect(lines()).toEqual(['open #1', 'stopped closed-by-user at #1']);
    expect(clock.pending).toBe(0);
  });

  it('our own dial timing out counts as unexpected, and reconnects', async () => {
    const { chain, lines, latest } = chainFor({});
    chain.start();
    latest().end({ by: 'client', how: 'timeout', message: 'connect timed out' });
    await settle();
    expect(lines()).toEqual(['open #1', 'timer 500']);
  });

  it('cancel drops the waiting attempt, reports once, and later ends change nothing', async () => {
    const { chain, clock, lines, latest } = chainFor({ baseMs: 1_000 });
    chain.start();
    latest().end(reset);
    await settle();
    expect(lines()).toEqual(['open #1', 'timer 1000']);
    chain.cancel();
    chain.cancel();
    expect(lines()).toEqual(['timer cleared', 'stopped cancelled at #1']);
    clock.advance(60_000);
    expect(lines()).toEqual([]);
    expect(chain.isActive).toBe(false);
  });

  it('cancel while a session is open leaves it open, and its later end reconnects nothing', async () => {
    const { chain, clock, lines, latest } = chainFor({ baseMs: 100, capMs: 100 });
    chain.start();
    latest().end(reset);
    await settle();
    clock.advance(100);
    latest().open();
    lines();
    chain.cancel();
    expect(lines()).toEqual(['stopped cancelled at #2']);
    latest().end(reset);
    await settle();
    clock.advance(10_000);
    expect(lines()).toEqual([]);
    expect(chain.latest.sessionId).toBe('#2');
  });
});
