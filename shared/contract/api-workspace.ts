import { z } from 'zod';
import { connectionFileSchema } from '../workspace/connection-file.js';
import { entityIdSchema } from '../workspace/entity-id.js';
import { environmentFileSchema, variableNameSchema } from '../workspace/environment-file.js';
import { scenarioRunResultSchema, stepResultSchema } from '../workspace/run-result.js';
import { sessionIdSchema } from './api-session.js';
import { messageSchema } from './message-schema.js';

/**
 * Workspaces in FramelineApi (docs/workspaces.md): the folder's files as the window sees them,
 * the commands that change them, connect and send with variables filled, imports, copy as a
 * command line, and scenario runs with their live steps.
 */

/** A workspace file that did not validate, named by file, place and field. */
export const fileProblemSchema = z.object({
  fileName: z.string(),
  location: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});

/** A scenario file of the workspace. */
export const scenarioEntrySchema = z.object({ id: z.string(), fileName: z.string(), name: z.string(), stepCount: z.number().int().min(0) });

/** The open workspace: its files, the environment chosen on this machine, and which secrets have values (never the values). */
export const workspaceViewSchema = z.object({
  path: z.string(),
  id: z.string(),
  name: z.string(),
  connections: z.array(connectionFileSchema),
  environments: z.array(environmentFileSchema),
  scenarios: z.array(scenarioEntrySchema),
  problems: z.array(fileProblemSchema),
  activeEnvironment: entityIdSchema.nullable(),
  /** By environment id (`*` for workspace-wide secrets), the names that have a stored value. */
  secretNames: z.record(z.string(), z.array(z.string())),
  /** By environment id (`*` as above), the stored names whose sealed value this process cannot open (docs/workspaces.md); their values stay as stored. */
  unopenedSecretNames: z.record(z.string(), z.array(z.string())).default({}),
  /** Where secrets are kept on this machine (outside the workspace folder), and how. */
  secretStorage: z.object({ path: z.string(), isEncrypted: z.boolean(), problem: z.string().nullable() }),
});

/** What an import reads: a Postman collection or an Apifox export (their JSON text), a wscat/websocat command line, or the window's old composer snippets. */
export const importSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('postman'), text: z.string().max(64 * 1024 * 1024) }),
  z.object({ kind: z.literal('apifox'), text: z.string().max(64 * 1024 * 1024) }),
  z.object({ kind: z.literal('command-line'), text: z.string().max(100_000) }),
  /** Profiles (read by main) and the composer's saved snippets (sent by the page), into the workspace once. */
  z.object({
    kind: z.literal('legacy'),
    snippets: z.array(z.object({ name: z.string().min(1).max(200), mode: z.enum(['text', 'json', 'binary', 'ping', 'pong', 'close']), text: z.string(), binaryEncoding: z.enum(['hex', 'base64']).optional(), encoding: z.enum(['text', 'hex', 'base64']).optional() })).max(10_000),
  }),
]);

/** Whose secrets: an environment id, or `*` for those of every environment. */
const secretScopeSchema = z.string().min(1).max(80);

/** Secret values to set (a string) or clear (null), by variable name. */
const secretValuesSchema = z.record(variableNameSchema, z.string().max(1024 * 1024).nullable());

/** The secret side of an environment edit: stored values to move to a new name, then values to set or clear. */
export const environmentSecretsEditSchema = z.object({
  renamed: z.record(variableNameSchema, variableNameSchema).default({}),
  values: secretValuesSchema.default({}),
});

/** Command-line tools a connection can be copied as. */
export const commandToolSchema = z.enum(['websocat', 'wscat', 'frameline']);

const ack = z.null();
const viewResult = workspaceViewSchema;

/** The workspace commands, merged into `commandSchemas`. */
export const workspaceCommandSchemas = {
  /** Opens the workspace folder at `path` (null: the default one in the app data folder, created and filled from profiles on first use). */
  openWorkspace: { args: z.tuple([z.string().min(1).nullable(), z.object({ create: z.boolean().default(false) }).default({ create: false })]), result: viewResult },
  /** The open workspace as it is now (files re-read), or null. */
  getWorkspace: { args: z.tuple([]), result: viewResult.nullable() },
  /** Saves a connection (with its messages); literal secrets in it move to the secrets store. Returns the names they got. */
  saveWorkspaceConnection: { args: z.tuple([connectionFileSchema]), result: z.object({ workspace: viewResult, movedSecrets: z.array(z.string()) }) },
  deleteWorkspaceConnection: { args: z.tuple([entityIdSchema]), result: viewResult },
  /** The sidebar order of the connections. */
  reorderWorkspaceConnections: { args: z.tuple([z.array(entityIdSchema).max(10_000)]), result: viewResult },
  saveWorkspaceEnvironment: { args: z.tuple([environmentFileSchema]), result: viewResult },
  /**
   * Saves an environment edited in the window together with its secrets: stored values of renamed
   * secret variables move to their new names (never leaving the store), then values are set or cleared.
   */
  editWorkspaceEnvironment: { args: z.tuple([environmentFileSchema, environmentSecretsEditSchema]), result: viewResult },
  /** Removes an environment's file and the secret values stored for it on this machine. */
  deleteWorkspaceEnvironment: { args: z.tuple([entityIdSchema]), result: viewResult },
  /** The environment this machine uses (kept outside the workspace, so each person picks their own). */
  setActiveEnvironment: { args: z.tuple([entityIdSchema.nullable()]), result: viewResult },
  /** Sets (a string) or clears (null) secret values for an environment (`*`: every environment). */
  setWorkspaceSecrets: { args: z.tuple([secretScopeSchema, secretValuesSchema]), result: viewResult },
  /** One stored secret value in clear, for the window's Reveal (the view only ever lists names); null when none is stored. */
  revealWorkspaceSecret: { args: z.tuple([secretScopeSchema, variableNameSchema]), result: z.object({ value: z.string().nullable() }) },
  /** Opens a session for a saved connection with the active environment's variables; a missing variable is an error naming it, and nothing is sent. */
  connectWorkspaceConnection: { args: z.tuple([entityIdSchema]), result: z.object({ sessionId: sessionIdSchema }) },
  /** Sends a saved message on a session, its variables filled; a missing one is an error naming it, and nothing is sent. */
  sendSavedMessage: { args: z.tuple([sessionIdSchema, entityIdSchema, entityIdSchema]), result: ack },
  /** Stops the auto-reconnect chain a session belongs to. */
  stopReconnecting: { args: z.tuple([sessionIdSchema]), result: ack },
  importIntoWorkspace: { args: z.tuple([importSourceSchema]), result: z.object({ workspace: viewResult, added: z.array(z.string()), warnings: z.array(z.string()), warningTexts: z.array(messageSchema) }) },
  /** A connection as a command line, variables filled except secrets (left as {{name}}). */
  copyConnectionCommand: { args: z.tuple([entityIdSchema, commandToolSchema]), result: z.object({ command: z.string(), notCarried: z.array(z.string()) }) },
  /** Starts a scenario of the workspace; follow it with scenarioProgressed and scenarioFinished. */
  runWorkspaceScenario: { args: z.tuple([z.string().min(1)]), result: z.object({ runId: z.string() }) },
  cancelScenarioRun: { args: z.tuple([z.string().min(1)]), result: ack },
} as const;

/** The workspace events, merged into `eventSchemas`. */
export const workspaceEventSchemas = {
  /** A step of a scenario run started or finished. */
  scenarioProgressed: z.object({ runId: z.string(), scenarioId: z.string(), steps: z.array(stepResultSchema) }),
  scenarioFinished: z.object({ runId: z.string(), scenarioId: z.string(), result: scenarioRunResultSchema }),
  /** An auto-reconnect chain stopped: the user closed it, it was stopped, or its attempts ran out. */
  reconnectStopped: z.object({ sessionId: sessionIdSchema, reason: z.enum(['closed-by-user', 'gave-up', 'cancelled']) }),
} as const;

export type WorkspaceView = z.output<typeof workspaceViewSchema>;
export type FileProblemJson = z.output<typeof fileProblemSchema>;
export type ImportSource = z.output<typeof importSourceSchema>;
export type CommandTool = z.output<typeof commandToolSchema>;
export type EnvironmentSecretsEdit = z.input<typeof environmentSecretsEditSchema>;
