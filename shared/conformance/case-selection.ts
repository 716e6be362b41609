import type { ConformanceCase } from './conformance-case.js';

/**
 * Case patterns as the command line takes them: `1.*`, `6.4.*`, `7.1.2`, `9`, comma-separated.
 * `*` stands for any rest of the id; a bare group number means the whole group.
 */
export function parseCasePatterns(text: string): string[] {
  return text.split(',').map((pattern) => pattern.trim()).filter((pattern) => pattern.length > 0);
}

/** A pattern that is not digits and dots with an optional final `*` (the command line names it). */
export function invalidCasePattern(patterns: readonly string[]): string | null {
  return patterns.find((pattern) => !/^\d+(\.\d+)*(\.\*)?$|^\*$/.test(pattern)) ?? null;
}

/** True when `id` matches `pattern`. */
export function matchesCasePattern(id: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return id.startsWith(pattern.slice(0, -1));
  return id === pattern || id.startsWith(`${pattern}.`);
}

/** The cases `include` names (all when empty), less those `exclude` names, in table order. */
export function selectCases(cases: readonly ConformanceCase[], include: readonly string[], exclude: readonly string[]): ConformanceCase[] {
  return cases.filter(
    (each) => (include.length === 0 || include.some((pattern) => matchesCasePattern(each.id, pattern))) && !exclude.some((pattern) => matchesCasePattern(each.id, pattern)),
  );
}
