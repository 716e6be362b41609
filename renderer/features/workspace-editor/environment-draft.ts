import type { EnvironmentSecretsEdit } from '../../../shared/contract/api-workspace.js';
import { variableNameSchema, type EnvironmentFile, type Variable } from '../../../shared/workspace/environment-file.js';

/** One variable as the editor holds it, with where it came from so a save knows what changed. */
export interface VariableDraft {
  /** Stable across edits (React key). */
  readonly key: number;
  readonly name: string;
  /** Its name in the saved file, or null for a row added in the editor. */
  readonly originalName: string | null;
  /** Whether the saved file marks it secret. */
  readonly wasSecret: boolean;
  readonly isSecret: boolean;
  /** The plain value (not used while the variable is secret). */
  readonly value: string;
  readonly description: string | undefined;
  /** A new secret value typed in; null keeps the stored one. */
  readonly secretInput: string | null;
  /** Clear the stored secret value on save. */
  readonly isSecretCleared: boolean;
}

/** An environment being edited: its display name (the id, its file name, stays) and its variables. */
export interface EnvironmentDraft {
  readonly id: string;
  readonly name: string;
  readonly variables: readonly VariableDraft[];
}

/** What is wrong with a draft, as catalogue keys (with values) for the editor to show beside the field. */
export interface DraftProblems {
  readonly name: 'workspace:editor.problem.environmentName' | null;
  /** By variable key. */
  readonly variables: ReadonlyMap<number, { readonly key: 'workspace:editor.problem.nameEmpty' | 'workspace:editor.problem.nameInvalid' | 'workspace:editor.problem.nameTaken'; readonly name: string }>;
}

let nextKey = 1;

/** A fresh row key. */
export function draftKey(): number {
  return nextKey++;
}

/** The editor's copy of a saved environment. */
export function draftOf(file: EnvironmentFile): EnvironmentDraft {
  return { id: file.id, name: file.name, variables: file.variables.map(rowOf) };
}

/** An empty row for a new variable. */
export function newVariable(): VariableDraft {
  return { key: draftKey(), name: '', originalName: null, wasSecret: false, isSecret: false, value: '', description: undefined, secretInput: null, isSecretCleared: false };
}

/** Names that are empty, invalid or used twice, and an empty environment name. */
export function draftProblems(draft: EnvironmentDraft): DraftProblems {
  const variables = new Map<number, { key: 'workspace:editor.problem.nameEmpty' | 'workspace:editor.problem.nameInvalid' | 'workspace:editor.problem.nameTaken'; name: string }>();
  const seen = new Set<string>();
  for (const row of draft.variables.filter((each) => !isBlank(each))) {
    if (row.name === '') variables.set(row.key, { key: 'workspace:editor.problem.nameEmpty', name: row.name });
    else if (!variableNameSchema.safeParse(row.name).success) variables.set(row.key, { key: 'workspace:editor.problem.nameInvalid', name: row.name });
    else if (seen.has(row.name)) variables.set(row.key, { key: 'workspace:editor.problem.nameTaken', name: row.name });
    seen.add(row.name);
  }
  return { name: draft.name.trim() === '' ? 'workspace:editor.problem.environmentName' : null, variables };
}

/** True when the draft would save something different from `file`, or change a stored secret. */
export function isDirty(draft: EnvironmentDraft, file: EnvironmentFile): boolean {
  return JSON.stringify(environmentEdit(draft, []).file) !== JSON.stringify(file) || draft.variables.some((row) => row.secretInput !== null || row.isSecretCleared);
}

/**
 * The file to write and the secret changes to make: renamed secret variables take their stored
 * value along, a plain variable made secret moves its value into the store (and out of the file),
 * a secret made plain or removed drops its stored value, and typed values are set.
 */
export function environmentEdit(draft: EnvironmentDraft, storedNames: readonly string[], original?: EnvironmentFile): { file: EnvironmentFile; secrets: Required<EnvironmentSecretsEdit> } {
  const stored = new Set(storedNames);
  const renamed: Record<string, string> = {};
  const values: Record<string, string | null> = {};
  const variables: Variable[] = draft.variables.filter((row) => !isBlank(row)).map((row) => {
    const description = row.description === undefined ? {} : { description: row.description };
    if (!row.isSecret) {
      if (row.wasSecret && row.originalName !== null && stored.has(row.originalName)) values[row.originalName] = null;
      return { name: row.name, value: row.value, ...description };
    }
    if (row.wasSecret && row.originalName !== null && row.originalName !== row.name && stored.has(row.originalName)) renamed[row.originalName] = row.name;
    if (row.secretInput !== null && row.secretInput !== '') values[row.name] = row.secretInput;
    else if (row.isSecretCleared) values[row.name] = null;
    else if (!row.wasSecret && row.value !== '') values[row.name] = row.value;
    return { name: row.name, secret: true as const, ...description };
  });
  const kept = new Set(draft.variables.map((row) => row.originalName));
  for (const variable of original?.variables ?? []) {
    if ('secret' in variable && !kept.has(variable.name) && stored.has(variable.name)) values[variable.name] = null;
  }
  // A value moved to a name by a rename is not cleared by the removal of the row that had that name before.
  for (const target of Object.values(renamed)) if (values[target] === null) delete values[target];
  return { file: { format: 'frameline-environment', version: 1, id: draft.id, name: draft.name.trim(), variables }, secrets: { renamed, values } };
}

/** A row added and left empty: not a variable yet, so neither saved nor a problem. */
function isBlank(row: VariableDraft): boolean {
  return row.originalName === null && row.name === '' && row.value === '' && row.secretInput === null;
}

function rowOf(variable: Variable): VariableDraft {
  const isSecret = 'secret' in variable;
  return {
    key: draftKey(),
    name: variable.name,
    originalName: variable.name,
    wasSecret: isSecret,
    isSecret,
    value: isSecret ? '' : variable.value,
    description: variable.description,
    secretInput: null,
    isSecretCleared: false,
  };
}
