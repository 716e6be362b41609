import { z } from 'zod';
import { entityIdSchema } from './entity-id.js';
import { explainedIssue, explainedPattern } from '../i18n/schema-issue-text.js';
import { message } from '../i18n/message.js';

/** The `format` tag of an environment file. */
export const ENVIRONMENT_FORMAT = 'frameline-environment';

/** A variable name: what goes between `{{` and `}}` (names starting with `$` are built in). */
const variableNamePattern = /^[A-Za-z_][A-Za-z0-9_.-]{0,79}$/;
export const variableNameSchema = z.string().regex(variableNamePattern, explainedPattern(variableNamePattern, message('workspace:schema.own.variableName')));

/**
 * One variable of an environment. A secret one has no value here: its value lives in the local
 * secrets store (outside the workspace folder), so the file can be committed.
 */
export const variableSchema = z.union([
  z.object({ name: variableNameSchema, value: z.string().max(1024 * 1024), description: z.string().max(2000).optional() }).strict(),
  z.object({ name: variableNameSchema, secret: z.literal(true), description: z.string().max(2000).optional() }).strict(),
]);

/** One environment (`dev`, `staging`, …): `environments/<id>.json`. */
export const environmentFileSchema = z.object({
  format: z.literal(ENVIRONMENT_FORMAT),
  version: z.literal(1),
  id: entityIdSchema,
  name: z.string().min(1).max(200),
  variables: z.array(variableSchema).max(10_000).default([]),
}).superRefine((file, context) => {
  const seen = new Set<string>();
  file.variables.forEach((variable, index) => {
    if (seen.has(variable.name)) context.addIssue({ code: 'custom', path: ['variables', index, 'name'], ...explainedIssue(message('workspace:schema.own.variableTwice', { name: variable.name })) });
    seen.add(variable.name);
  });
});

export type EnvironmentFile = z.output<typeof environmentFileSchema>;
export type Variable = z.output<typeof variableSchema>;
