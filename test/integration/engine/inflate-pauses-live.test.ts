import { afterEach, describe, expect, it } from 'vitest';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import type { EventName, EventPayload } from '../../../shared/contract/api.js';
import type { SessionSummary } from '../../../shared/contract/api-session.js';
import type { EventRecordJson } from '../../../shared/contract/records.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { eventually } from '../../harness/eventually.js';
import { startPythonWs, type PythonWsPeer } from '../../harness/python-ws.js';
import { requirePeer } from '../../harness/require-peer.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';

const python = requirePeer('python-websockets');

const mebibyte = 1024 * 1024;
const bytesPerSecond = 4 * mebibyte;
const rounds = 3;
const messagesPerRound = 6;

let server: PythonWsPeer | undefined;
let engine: FramelineEngine | undefined;
let directory: TempDir | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  directory?.remove();
  directory = undefined;
  await server?.stop();
  server = undefined;
});

/**
 * The inflate budget's pauses while the connection is open, as the window gets them: through the
 * engine's `sessionStateChanged` summaries, against python3-websockets (its own process) echoing
 * highly compressible 1 MiB messages. Each round of echoes outruns 4 MiB a second and is read
 * before the next round is sent, so every round makes at least one pause of its own.
 */
describe.skipIf(!python.isAvailable)('the inflate-budget pauses of an open session, through the engine', () => {
  it('are counted in the session summary round after round before the close, with one record for the first crossing and the last word before `closed`', async () => {
    server = await startPythonWs({ perMessageDeflate: true });
    directory = createTempDir('inflate-pauses-live');
    const api = new FramelineEngine({ dataDirectory: directory.file('data'), batchIntervalMs: 50 });
    engine = api;
    const events: Array<{ name: EventName; payload: unknown }> = [];
    api.onEvent((name, payload) => events.push({ name, payload }));
    const { sessionId } = await api.run('openSession', [{ ...defaultSessionOptions(server.url), deflate: { enabled: true }, limits: { ...defaultSessionOptions(server.url).limits, maxInflatedBytesPerSecond: bytesPerSecond } }]);
    const summaries = (): SessionSummary[] => events.flatMap(({ name, payload }) => (name === 'sessionStateChanged' && (payload as SessionSummary).id === sessionId ? [payload as SessionSummary] : []));
    await eventually(() => summaries().find((summary) => summary.state === 'open'), 'the session to open', 15_000);

    const countsWhileOpen: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (let index = 0; index < messagesPerRound; index += 1) await api.run('send', [sessionId, { type: 'text', data: `round ${round} echo ${index} `.repeat(mebibyte / 16).slice(0, mebibyte) }]);
      const framesIn = (round + 1) * messagesPerRound;
      // Bounded and generous: a round takes about 1.5 s at the budget, longer on a busy machine.
      const summary = await eventually(() => summaries().find((each) => each.counts.framesIn >= framesIn && each.inflatePauses !== undefined && each.inflatePauses.count > (countsWhileOpen.at(-1) ?? 0)), () => `round ${round}'s pause in a summary; last: ${JSON.stringify(summaries().at(-1))}`, 60_000);
      expect(summary.state).toBe('open');
      countsWhileOpen.push(summary.inflatePauses!.count);
    }
    // Several pauses counted while open, each round adding at least one, with their time.
    expect(countsWhileOpen).toHaveLength(rounds);
    expect(countsWhileOpen[rounds - 1]).toBeGreaterThanOrEqual(rounds);
    const live = summaries().filter((summary) => summary.state === 'open' && summary.inflatePauses !== undefined).map((summary) => summary.inflatePauses!);
    expect(live.every((pauses) => pauses.limit === bytesPerSecond && pauses.longestMs <= pauses.totalMs)).toBe(true);
    expect(live.at(-1)!.totalMs).toBeGreaterThan(0);
    // Some summaries came while reading waited, and said so.
    expect(live.some((pauses) => pauses.waitingMs > 0)).toBe(true);

    // While open, the timeline holds one warning: the first crossing.
    const warningsOf = async (): Promise<EventRecordJson[]> => {
      const { rows } = await api.run('getRecords', [sessionId, 0, 2000]);
      const seqs = rows.filter((row) => row.kind === 'event' && row.name === 'warning').map((row) => row.seq);
      return Promise.all(seqs.map(async (seq) => (await api.run('getRecord', [sessionId, seq])) as EventRecordJson));
    };
    expect((await warningsOf()).map((warning) => warning.pauses)).toEqual([undefined]);

    await api.run('closeSession', [sessionId, {}]);
    const closed = await eventually(() => summaries().find((summary) => summary.state === 'closed'), 'the close', 30_000);
    const warnings = await warningsOf();
    expect(warnings.map((warning) => warning.budget)).toEqual(['inflated-bytes-per-second', 'inflated-bytes-per-second']);
    const final = warnings[1]!.pauses as { count: number; totalMs: number; longestMs: number };
    // The last word agrees with the closed session's summary and counts at least what was shown while open.
    expect(closed.inflatePauses).toEqual({ limit: bytesPerSecond, ...final, waitingMs: 0 });
    expect(final.count).toBeGreaterThanOrEqual(countsWhileOpen[rounds - 1]!);
    // Never one event per pause: the summaries ride on the records batches and the state changes,
    // plus one a second at most when the figures moved with no batch (during a pause, or at its end).
    const batches = events.filter(({ name, payload }) => name === 'recordsAppended' && (payload as EventPayload<'recordsAppended'>).sessionId === sessionId).length;
    expect(summaries().length).toBeLessThanOrEqual(batches + 5 + 2 * final.count + Math.ceil(final.totalMs / 1000));
  }, 240_000);

  it('are current during one long wait too: a single message inflated for seconds makes no record, and the summary still comes once a second with the running pause', async () => {
    // One 16 MiB message that compresses about a thousand to one, at 2 MiB a second: about seven seconds of inflating in slices, no record until its end.
    server = await startPythonWs({ perMessageDeflate: true, flood: { count: 1, bytes: 16 * mebibyte } });
    directory = createTempDir('inflate-pauses-long');
    const api = new FramelineEngine({ dataDirectory: directory.file('data'), batchIntervalMs: 50 });
    engine = api;
    const summaries: SessionSummary[] = [];
    api.onEvent((name, payload) => {
      if (name === 'sessionStateChanged') summaries.push(payload as SessionSummary);
    });
    const options = defaultSessionOptions(server.url);
    const { sessionId } = await api.run('openSession', [{ ...options, deflate: { enabled: true }, limits: { ...options.limits, maxInflatedBytesPerSecond: 2 * mebibyte } }]);
    const waiting = (): SessionSummary[] => summaries.filter((summary) => summary.id === sessionId && summary.state === 'open' && (summary.inflatePauses?.waitingMs ?? 0) > 0);
    const first = await eventually(() => waiting()[0], 'a summary while reading waits', 30_000);
    // Later summaries of the same wait, with no record in between, count it longer.
    const later = await eventually(() => waiting().find((summary) => summary.inflatePauses!.totalMs > first.inflatePauses!.totalMs && summary.counts.records === first.counts.records), () => `a later summary of the same wait; seen: ${JSON.stringify(waiting().map((summary) => [summary.counts.records, summary.inflatePauses]))}`, 30_000);
    expect(later.inflatePauses).toMatchObject({ limit: 2 * mebibyte, count: first.inflatePauses!.count });
    expect(later.inflatePauses!.waitingMs).toBeGreaterThan(first.inflatePauses!.waitingMs);
    // Then the message arrives whole and reading goes on.
    const done = await eventually(() => summaries.find((summary) => summary.id === sessionId && summary.counts.framesIn >= 1 && summary.inflatePauses?.waitingMs === 0), 'the message and the end of the wait', 60_000);
    expect(done.state).toBe('open');
  }, 120_000);
});
