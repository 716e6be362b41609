/** The parts of a schema issue an import error shows. */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * `records[17].opcode: expected a number 0–15` from a path prefix and a schema issue, the form
 * every import error uses to name a field (docs/capture-format.md "Errors").
 */
export function formatFieldPath(prefix: readonly PropertyKey[], issue: IssueLike | undefined): string {
  const path = fieldPathText([...prefix, ...(issue?.path ?? [])]);
  const message = issue?.message ?? 'is not valid';
  return path === '' ? message : `${path}: ${message}`;
}

/** A path such as `records[17].request.headers[2]`; empty for the top level. */
export function fieldPathText(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}
