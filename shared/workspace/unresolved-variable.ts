import { message, type Message } from '../i18n/message.js';

/** A `{{name}}` nothing answered for, and where it was written; an error before anything is sent. */
export interface UnresolvedVariable {
  readonly variable: string;
  /** `url`, `header Authorization`, `subprotocols[0]`, `message login`, … */
  readonly field: string;
}

/** Every unresolved variable and where it is used, as one sentence of clauses. */
export function unresolvedText(problems: readonly UnresolvedVariable[]): Message {
  // The placeholder is a value, so the catalogue text never holds a literal `{{…}}` for i18next to read.
  const parts = problems.map((problem) => message('workspace:unresolved.one', { variable: `{{${problem.variable}}}`, field: problem.field }));
  return message('workspace:unresolved.list', { parts });
}

