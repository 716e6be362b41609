import { runFanout } from '../../../electron/engine/fanout/fanout-run.js';
import { fanoutOptionsSchema, type FanoutOptionsInput, type FanoutReport } from '../../../shared/contract/fanout.js';
import { defaultSessionOptions, type SessionOptions } from '../../../shared/contract/session-options.js';

/** Runs a fan-out through the engine against `url` with default session options (changed by `session`), and returns its report. */
export async function fanoutReport(url: string, options: FanoutOptionsInput, session: Partial<SessionOptions> = {}): Promise<FanoutReport> {
  const run = await runFanout({ ...defaultSessionOptions(url), ...session }, fanoutOptionsSchema.parse(options));
  run.dispose();
  return run.report;
}
