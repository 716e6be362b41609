/** A `{{name}}` nothing answered for, and where it was written; an error before anything is sent. */
export interface UnresolvedVariable {
  readonly variable: string;
  /** `url`, `header Authorization`, `subprotocols[0]`, `message login`, … */
  readonly field: string;
}

/** One line naming every unresolved variable and where it is used. */
export function describeUnresolved(problems: readonly UnresolvedVariable[]): string {
  return problems.map((problem) => `{{${problem.variable}}} in ${problem.field} has no value`).join('; ');
}
