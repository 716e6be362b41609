import { z } from 'zod';
import { explainedPattern } from '../i18n/schema-issue-text.js';
import { message } from '../i18n/message.js';
import { entityIdSchema } from './entity-id.js';

/** The `format` tag of the manifest, `frameline-workspace.json` at the folder's root. */
export const WORKSPACE_FORMAT = 'frameline-workspace';

/** The manifest's file name; its presence makes a folder a workspace. */
export const MANIFEST_FILE_NAME = 'frameline-workspace.json';

const workspaceIdPattern = /^[A-Za-z0-9-]{8,64}$/;

/**
 * What the workspace as a whole says: its id (which keys the local secrets store, so clones on
 * one machine share secrets and nothing secret is in the folder), its name, the order of the
 * connections in the sidebar, and the environment used when none is chosen.
 */
export const workspaceManifestSchema = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  version: z.literal(1),
  id: z.string().regex(workspaceIdPattern, explainedPattern(workspaceIdPattern, message('workspace:schema.own.workspaceId'))),
  name: z.string().min(1).max(200),
  connectionOrder: z.array(entityIdSchema).max(10_000).default([]),
  defaultEnvironment: entityIdSchema.nullable().default(null),
});

export type WorkspaceManifest = z.output<typeof workspaceManifestSchema>;
