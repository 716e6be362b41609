import type { ConformanceCase } from '../../shared/conformance/conformance-case.js';
import type { CaseResult } from '../../shared/conformance/run-result.js';

/** One case in a report: its result, its definition and its frame trace (lines as `frameline connect` prints them). */
export interface ReportedCase {
  readonly result: CaseResult;
  readonly testCase: ConformanceCase;
  readonly trace: readonly string[];
}

/** One run of the battery: against the server directly, or through the proxy in front of it. */
export interface ReportedRun {
  readonly label: 'direct' | 'through';
  readonly url: string;
  readonly durationMs: number;
  readonly cases: readonly ReportedCase[];
}

/** What the report writers read. */
export interface ConformanceReport {
  readonly createdAt: string;
  readonly runs: readonly ReportedRun[];
}
