import { compareCaseIds, conformanceCases } from '../../../shared/conformance/case-table.js';
import { selectCases } from '../../../shared/conformance/case-selection.js';
import { sessionOptionsSchema } from '../../../shared/contract/session-options.js';
import { runBattery } from '../../../electron/engine/conformance/battery-run.js';
import { caseResultOf } from '../../../electron/engine/conformance/case-result.js';

/**
 * The cases CI runs against each real server: every group in full except group 9, of which one
 * case per family (a 1 MiB message each way, 4 MiB in 4 KiB fragments, 1 MiB in 512-byte writes,
 * a thousand round trips of 64 bytes). The whole battery, group 9 included, is run by hand and its
 * results are in docs/conformance.md.
 */
export const ciCases = ['*'];
export const ciExcluded = ['9.1.1', '9.1.2', '9.1.4', '9.1.5', '9.1.6', '9.2.1', '9.2.2', '9.2.4', '9.2.5', '9.2.6', '9.3.1', '9.3.2', '9.3.3', '9.3.4', '9.3.6', '9.3.7', '9.3.8', '9.3.9', '9.4.1', '9.4.2', '9.4.3', '9.4.4', '9.4.6', '9.4.7', '9.4.8', '9.4.9', '9.5.1', '9.5.2', '9.5.3', '9.5.5', '9.5.6', '9.6.1', '9.6.2', '9.6.3', '9.6.5', '9.6.6', '9.7.1', '9.7.2', '9.7.4', '9.7.5', '9.7.6', '9.8.1', '9.8.2', '9.8.4', '9.8.5', '9.8.6'];

/** Each case's verdict and reason key (`FAILED timeoutFail`) against `url`. */
export async function verdictsAgainst(url: string, include: readonly string[] = ciCases, exclude: readonly string[] = ciExcluded): Promise<Map<string, string>> {
  const cases = selectCases(conformanceCases(), include, exclude);
  const entries = await runBattery(cases, sessionOptionsSchema.parse({ url }), { concurrency: 4, caseTimeoutMs: 10_000, runTimeoutMs: 10 * 60_000 });
  const verdicts = new Map<string, string>();
  for (const entry of entries) {
    const result = caseResultOf(entry);
    entry.run?.capture.dispose();
    verdicts.set(result.id, `${result.verdict} ${result.reason.key.replace('conformance:reason.', '')}`);
  }
  return verdicts;
}

/**
 * The cases that are not OK, as `{ id: 'VERDICT reason' }`, in case order. INFORMATIONAL keeps
 * only its verdict: what the server did there (which reply came first) may vary from run to run.
 */
export function notOk(verdicts: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries([...verdicts].filter(([, verdict]) => !verdict.startsWith('OK ')).map(([id, verdict]) => [id, verdict.startsWith('INFORMATIONAL') ? 'INFORMATIONAL' : verdict]));
}

/** Expected non-OK verdicts written as `{ 'VERDICT reason': [ids] }`, turned into the shape `notOk` returns. */
export function expectedNotOk(byVerdict: Readonly<Record<string, readonly string[]>>): Record<string, string> {
  const entries = Object.entries(byVerdict).flatMap(([verdict, ids]) => ids.map((id) => [id, verdict.startsWith('INFORMATIONAL') ? 'INFORMATIONAL' : verdict] as const));
  return Object.fromEntries(entries.sort(([a], [b]) => compareCaseIds(a, b)));
}
