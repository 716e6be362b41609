import { describe, expect, it } from 'vitest';
import { BroadcastLedger, sentMessages } from '../../../shared/fanout/expected-messages.js';
import { fanoutFigures, type ReceiverRecord } from '../../../shared/fanout/fanout-figures.js';
import { ReceiverTally } from '../../../shared/fanout/receiver-tally.js';

/** A playbook line: `sender.seq@latencyMs`, e.g. `1.3@2.5`; `?` for a message that carried no number. */
function play(tally: ReceiverTally, script: string): string[] {
  return script.split(/\s+/).filter(Boolean).map((step) => {
    if (step === '?') {
      tally.unmatched += 1;
      return 'unmatched';
    }
    const [, sender, seq, latency] = /^(\d+)\.(\d+)(?:@([\d.]+))?$/.exec(step)!;
    return tally.receive(Number(sender), Number(seq), latency === undefined ? null : Number(latency) * 1000);
  });
}

function receiver(client: number, backend: string | null, script: string, window: [number, number] = [0, Infinity]): ReceiverRecord {
  const tally = new ReceiverTally();
  play(tally, script);
  return { client, isSender: false, backend, backendSource: backend ? 'header:X-Served-By' : null, attempts: 1, subprotocol: null, opened: true, failure: null, failureText: null, tally, listeningFromMicros: window[0], listeningUntilMicros: window[1], timeline: [] };
}

describe('one receiver, arrival by arrival', () => {
  it('classifies in order, out of order (per sender) and duplicates', () => {
    const tally = new ReceiverTally();
    expect(play(tally, '1.1 1.2 1.4 1.3 1.3 2.1 1.5 2.3 2.2 ?')).toEqual([
      'in-order', 'in-order', 'in-order', 'out-of-order', 'duplicate', 'in-order', 'in-order', 'in-order', 'out-of-order', 'unmatched',
    ]);
    expect(tally.totals()).toEqual({ delivered: 8, duplicated: 1, outOfOrder: 2 });
    expect(tally.unmatched).toBe(1);
  });

  it('interleaving two senders is not reordering: order is promised per sender only', () => {
    const tally = new ReceiverTally();
    play(tally, '2.1 1.1 2.2 1.2 1.3 2.3');
    expect(tally.totals().outOfOrder).toBe(0);
  });

  it('a duplicate adds no latency sample; a late first arrival does', () => {
    const tally = new ReceiverTally();
    play(tally, '1.1@1 1.1@50 1.3@2 1.2@9');
    expect(tally.latency.count).toBe(3);
    expect(tally.latency.summary()?.maxMicros).toBe(9000);
  });

  it('numbers far from the first one (a server counter) are kept exactly, below and above', () => {
    const tally = new ReceiverTally();
    play(tally, '0.1000005 0.1000006 0.999999 0.2000000 0.1000005');
    expect([tally.has(0, 999999), tally.has(0, 2000000), tally.has(0, 1000007), tally.totals()]).toEqual([true, true, false, { delivered: 4, duplicated: 1, outOfOrder: 1 }]);
  });
});

describe('loss against what was sent', () => {
  it('each sender’s 1..sent is expected at every receiver; what is missing is lost', () => {
    const expected = sentMessages(new Map([[1, 5], [2, 3]]));
    const full = receiver(1, 'b1', '1.1 1.2 1.3 1.4 1.5 2.1 2.2 2.3');
    const partial = receiver(2, 'b2', '1.1 1.3 1.5 2.2');
    expect(expected.expectedFor(full.tally, 0, 0)).toEqual({ expected: 8, lost: 0 });
    expect(expected.expectedFor(partial.tally, 0, 0)).toEqual({ expected: 8, lost: 4 });
  });

  it('the server’s own broadcast: expected is what anyone saw while this receiver listened', () => {
    const ledger = new BroadcastLedger();
    for (const [seq, at] of [[10, 100], [11, 200], [12, 300], [13, 400]] as const) ledger.saw(0, seq, at);
    const early = receiver(1, null, '0.10 0.11 0.13');
    const late = receiver(2, null, '0.12 0.13', [250, Infinity]);
    expect(ledger.expectedFor(early.tally, 0, Infinity)).toEqual({ expected: 4, lost: 1 });
    expect(ledger.expectedFor(late.tally, 250, Infinity)).toEqual({ expected: 2, lost: 0 });
  });
});

describe('figures grouped by backend', () => {
  it('one row per backend names the one that loses and reorders; unknown backends come last', () => {
    const expected = sentMessages(new Map([[1, 10]]));
    const all = '1.1 1.2 1.3 1.4 1.5 1.6 1.7 1.8 1.9 1.10';
    const receivers = [
      receiver(1, 'b1', all),
      receiver(2, 'b2', '1.1 1.2 1.4 1.3 1.5 1.6 1.8 1.9'),
      receiver(3, 'b1', all),
      receiver(4, 'b2', '1.1 1.2 1.4 1.3 1.5 1.6 1.8 1.9 1.9'),
      receiver(5, null, all),
    ];
    const figures = fanoutFigures(receivers, expected);
    const rows = figures.backends.map((row) => [row.backend, row.clients, row.expected, row.delivered, row.lost, row.lossPercent, row.duplicated, row.outOfOrder]);
    expect(rows).toEqual([
      ['b1', 2, 20, 20, 0, 0, 0, 0],
      ['b2', 2, 20, 16, 4, 20, 1, 2],
      [null, 1, 10, 10, 0, 0, 0, 0],
    ]);
    expect([figures.totals.expected, figures.totals.lost, figures.totals.outOfOrder, figures.totals.clients]).toEqual([50, 4, 2, 5]);
    expect(figures.clients.map((client) => client.lost)).toEqual([0, 2, 0, 2, 0]);
  });

  it('latency percentiles per backend, and histograms on common edges that hold every sample', () => {
    const expected = sentMessages(new Map([[1, 4]]));
    const fast = receiver(1, 'fast', '1.1@1 1.2@1 1.3@2 1.4@2');
    const slow = receiver(2, 'slow', '1.1@40 1.2@50 1.3@60 1.4@100');
    const figures = fanoutFigures([fast, slow], expected);
    const [fastRow, slowRow] = figures.backends;
    expect(fastRow!.latency.maxMs).toBe(2);
    expect(slowRow!.latency.p50Ms).toBeCloseTo(50, 0);
    expect(slowRow!.latency.maxMs).toBe(100);
    expect(figures.histogramEdgesMs[0]).toBe(1);
    expect(figures.histogramEdgesMs.at(-1)).toBe(100);
    expect(fastRow!.histogram.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(slowRow!.histogram.counts.reduce((a, b) => a + b, 0)).toBe(4);
  });
});
