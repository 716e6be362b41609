import type { Message } from '../i18n/message.js';
import type { CaseFigures } from './case-observation.js';
import { compareCaseIds } from './case-table.js';
import { verdicts, type Verdict } from './verdict.js';

/** One case's result, as reports and the window show it. */
export interface CaseResult {
  readonly id: string;
  readonly group: number;
  readonly verdict: Verdict;
  readonly reason: Message;
  readonly durationMs: number;
  readonly figures: CaseFigures | null;
  /** The engine session holding the case's capture (the window opens it in the inspector). */
  readonly sessionId?: string;
  /** The `.frameline.json` written for it (the command line). */
  readonly captureFile?: string;
}

/** How many cases got each verdict. */
export type VerdictCounts = Record<Verdict, number>;

/** Counts the verdicts of `results`. */
export function countVerdicts(results: readonly Pick<CaseResult, 'verdict'>[]): VerdictCounts {
  const counts = Object.fromEntries(verdicts.map((verdict) => [verdict, 0])) as VerdictCounts;
  for (const result of results) counts[result.verdict]++;
  return counts;
}

/** The counts per group, in group order. */
export function countByGroup(results: readonly Pick<CaseResult, 'group' | 'verdict'>[]): { readonly group: number; readonly counts: VerdictCounts }[] {
  const groups = [...new Set(results.map((result) => result.group))].sort((a, b) => a - b);
  return groups.map((group) => ({ group, counts: countVerdicts(results.filter((result) => result.group === group)) }));
}

/** One case in two runs (direct and through a proxy, or two servers). */
export interface CaseComparison {
  readonly id: string;
  readonly left: CaseResult | null;
  readonly right: CaseResult | null;
  /** The verdicts differ (or the case ran in only one of the runs). */
  readonly isDifferent: boolean;
}

/** Pairs two runs' results by case id, in case order, marking the cases whose verdicts differ. */
export function compareRuns(left: readonly CaseResult[], right: readonly CaseResult[]): CaseComparison[] {
  const byId = new Map<string, { left: CaseResult | null; right: CaseResult | null }>();
  for (const result of left) byId.set(result.id, { left: result, right: null });
  for (const result of right) byId.set(result.id, { left: byId.get(result.id)?.left ?? null, right: result });
  return [...byId.entries()]
    .sort(([a], [b]) => compareCaseIds(a, b))
    .map(([id, pair]) => ({ id, ...pair, isDifferent: pair.left?.verdict !== pair.right?.verdict }));
}
