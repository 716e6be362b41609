import { describe, expect, it } from 'vitest';
import { fanoutOptionsSchema } from '../../../shared/contract/fanout.js';
import { defaultSessionOptions } from '../../../shared/contract/session-options.js';
import { runFanout } from '../../../electron/engine/fanout/fanout-run.js';
import { startBroadcastWsServer } from '../../harness/broadcast-ws-server.js';

// Figures (CPU, memory, latency) come from bench/fanout-bench.ts and live in docs/performance.md;
// this test only proves that a thousand concurrent clients work end to end, with bounded waits.
describe('1,000 concurrent clients on loopback', () => {
  it('all open, every client receives every broadcast once and in order, and every capture is kept', async () => {
    const server = await startBroadcastWsServer('loopback');
    try {
      const run = await runFanout(defaultSessionOptions(server.url), fanoutOptionsSchema.parse({ clients: 1000, senders: 1, messages: 5, ratePerSecond: 10, connectConcurrency: 100, drainMs: 20_000, maxDurationMs: 100_000 }));
      try {
        const { totals } = run.report;
        expect([run.report.outcome, totals.opened, totals.delivered, totals.expected, totals.lost, totals.duplicated, totals.outOfOrder]).toEqual(['finished', 1000, 5000, 5000, 0, 0, 0]);
        expect(run.clients.every((client) => client.sessions.length === 1 && client.sessions[0]!.capture.count > 5)).toBe(true);
      } finally {
        run.dispose();
      }
    } finally {
      await server.stop();
    }
  }, 120_000);
});
