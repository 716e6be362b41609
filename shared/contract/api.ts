import { z } from 'zod';
import { exportResultSchema } from './export-result.js';
import { conformanceEventSchemas, conformanceOptionsSchema, conformanceRunIdSchema } from './api-conformance.js';
import { diagnosisEventSchemas, diagnosisIdSchema, diagnosisOptionsSchema } from './api-doctor.js';
import {
  frameProtocolSchema,
  payloadFormatChoiceSchema,
  payloadViewJsonSchema,
  protocolChoiceSchema,
  protocolInputSchema,
} from './api-protocol.js';
import { fanoutCommandSchemas, fanoutEventSchemas } from './api-fanout.js';
import { listenerIdSchema, listenerInfoSchema, listenerOptionsSchema, listenEventSchemas } from './api-listen.js';
import { relayCommandSchemas, relayEventSchemas } from './api-relay.js';
import { sendRequestSchema, base64Schema } from './api-send.js';
import { exportFormatSchema } from './export-format.js';
import { exportRedactionFieldsSchema } from './export-redaction.js';
import {
  MAX_TAIL_ROWS,
  followedViewTailSchema,
  messageSchema,
  recordFilterSchema,
  recordPageSchema,
  sessionClosedInfoSchema,
  sessionIdSchema,
  sessionRemovedReasonSchema,
  sessionSummarySchema,
  sessionUpdateSchema,
  viewerIdSchema,
} from './api-session.js';
import { profileListSchema, profileSchema } from './profile.js';
import { recordJsonSchema, recordRowSchema } from './record-row.js';
import type { HandshakeRecordJson } from './records.js';
import { sessionOptionsSchema } from './session-options.js';
import { userDataPartSchema, userDataSchema } from './user-data.js';
import { workspaceCommandSchemas, workspaceEventSchemas } from './api-workspace.js';

/**
 * `FramelineApi`: the one contract between the view and main (DESIGN.md boundaries 3–4,
 * STYLE.md §5). Commands are imperative, events past tense. Electron IPC and the web bridge both
 * implement it from the keys below and validate arguments with these schemas at the boundary.
 * Arguments are positional tuples; bytes travel as base64 strings.
 */

const ack = z.null();

const closeOptionsSchema = z.object({
  code: z.number().int().min(1000).max(4999).optional(),
  reason: z.string().max(123).optional(),
});

const exportOptionsSchema = z.object({
  format: exportFormatSchema,
  /** Redaction is on unless switched off (DESIGN.md "Files users keep"). */
  redact: z.boolean().default(true),
  ...exportRedactionFieldsSchema.shape,
});

/** A capture to open: the file's name and bytes, which the page already holds. */
const importSourceSchema = z.object({ kind: z.literal('content'), fileName: z.string(), base64: base64Schema });

const handshakeSchema = z.custom<HandshakeRecordJson>(
  (value) => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'handshake',
  { message: 'not a handshake record' },
);

/** Every command: its positional argument schemas and its result schema. */
export const commandSchemas = {
  openSession: { args: z.tuple([sessionOptionsSchema]), result: z.object({ sessionId: sessionIdSchema }) },
  closeSession: { args: z.tuple([sessionIdSchema, closeOptionsSchema.default({})]), result: ack },
  /** Drops a session for good: a live one is closed (a listened one disconnected), then its records and spill files are freed. */
  forgetSession: { args: z.tuple([sessionIdSchema]), result: ack },
  /** Opens a new session with this one's settings (or the edited ones given), linked to it by `previousSessionId`. */
  reconnectSession: { args: z.tuple([sessionIdSchema, sessionOptionsSchema.nullable().default(null)]), result: z.object({ sessionId: sessionIdSchema }) },
  /** The settings a session was opened with; null for imported captures and listened connections. */
  getSessionOptions: { args: z.tuple([sessionIdSchema]), result: sessionOptionsSchema.nullable() },
  /** Renames or moves a session's tab. */
  updateSession: { args: z.tuple([sessionIdSchema, sessionUpdateSchema]), result: ack },
  send: { args: z.tuple([sessionIdSchema, sendRequestSchema]), result: ack },
  getRecords: {
    args: z.tuple([
      sessionIdSchema,
      z.number().int().min(0),
      z.number().int().min(0).max(2000),
      recordFilterSchema.nullish(),
    ]),
    result: recordPageSchema,
  },
  /**
   * The last `count` rows of a session's (filtered) view and its total, in one answer: what a view
   * following its end draws, however many rows were added since it last asked.
   */
  getTailRecords: { args: z.tuple([sessionIdSchema, z.number().int().min(0).max(MAX_TAIL_ROWS), recordFilterSchema.nullish()]), result: recordPageSchema },
  /**
   * The rows a window draws at the end of the session it shows (null: it shows none), so that each
   * `recordsAppended` batch of that session carries that many of its newest rows: the most any
   * window showing it asked for; a session no window asked about gets 100. `viewerId` is the
   * window's own random id. `filter` is the filtered or messages view the window follows to its end
   * (null: none, or not following): batches then also carry that view's last rows (`views`).
   */
  setTailRows: { args: z.tuple([viewerIdSchema, sessionIdSchema.nullable(), z.number().int().min(0).max(MAX_TAIL_ROWS), recordFilterSchema.nullish()]), result: ack },
  getRecord: { args: z.tuple([sessionIdSchema, z.number().int().min(0)]), result: recordJsonSchema },
  /** The whole message the frame `seq` belongs to, reassembled from its fragments. */
  getMessage: { args: z.tuple([sessionIdSchema, z.number().int().min(0)]), result: messageSchema },
  listSessions: { args: z.tuple([]), result: z.array(sessionSummarySchema) },
  getHandshake: { args: z.tuple([sessionIdSchema]), result: handshakeSchema.nullable() },
  listProfiles: { args: z.tuple([]), result: profileListSchema },
  saveProfile: { args: z.tuple([z.string().min(1).max(200), sessionOptionsSchema]), result: profileSchema },
  deleteProfile: { args: z.tuple([z.string().min(1)]), result: ack },
  exportCapture: { args: z.tuple([sessionIdSchema, exportOptionsSchema]), result: exportResultSchema },
  importCapture: { args: z.tuple([importSourceSchema]), result: z.object({ sessionId: sessionIdSchema }) },
  /** Starts the Path Doctor (or, with `through`, the path test); follow it with the diagnosis events. */
  runDiagnosis: { args: z.tuple([sessionOptionsSchema, diagnosisOptionsSchema]), result: z.object({ diagnosisId: diagnosisIdSchema }) },
  /** Drops the running probe's connection; the run finishes at once as `cancelled` with what it had. */
  cancelDiagnosis: { args: z.tuple([diagnosisIdSchema]), result: ack },
  startListener: { args: z.tuple([listenerOptionsSchema]), result: listenerInfoSchema },
  /** Stops accepting and drops the listener's open connections; their captures stay. */
  stopListener: { args: z.tuple([listenerIdSchema]), result: ack },
  listListeners: { args: z.tuple([]), result: z.array(listenerInfoSchema) },
  /** Preferences, snippets and history as saved, plus any file that could not be loaded (kept aside). */
  loadUserData: { args: z.tuple([]), result: userDataSchema },
  saveUserData: { args: z.tuple([userDataPartSchema]), result: ack },
  /** The decoded protocol messages a frame carries (null when the session decodes no protocol or the frame carries none). */
  getProtocolMessages: { args: z.tuple([sessionIdSchema, z.number().int().min(0)]), result: frameProtocolSchema.nullable() },
  /** Encodes structured input with the protocol's encoder and sends the resulting messages; resolves with how many went out. */
  sendProtocol: { args: z.tuple([sessionIdSchema, protocolInputSchema]), result: z.object({ messages: z.number().int().min(0) }) },
  /** Switches the protocol's keep-alive duties on or off (client sessions only). */
  setProtocolDuties: { args: z.tuple([sessionIdSchema, z.boolean()]), result: ack },
  /** Reads the session as another protocol (or none, or detected): what it holds is decoded again. */
  setProtocol: { args: z.tuple([sessionIdSchema, protocolChoiceSchema]), result: ack },
  /** How payloads of this session are viewed; resolves with the message types of a `.proto` text (empty otherwise). */
  setPayloadFormat: { args: z.tuple([sessionIdSchema, payloadFormatChoiceSchema]), result: z.object({ messageTypes: z.array(z.string()) }) },
  /** A frame's message (and the payloads inside its protocol messages) in the session's payload format. */
  getPayloadViews: { args: z.tuple([sessionIdSchema, z.number().int().min(0)]), result: z.array(payloadViewJsonSchema) },
  ...relayCommandSchemas,
  ...fanoutCommandSchemas,
  ...workspaceCommandSchemas,
  /** Runs the conformance battery against the options' URL; follow it with the conformance events. */
  runConformance: {
    args: z.tuple([sessionOptionsSchema, conformanceOptionsSchema]),
    result: z.object({ runId: conformanceRunIdSchema, caseIds: z.array(z.string()) }),
  },
  /** Gives up the running cases (they end as FAILED with their limit's reason) and starts no more. */
  cancelConformance: { args: z.tuple([conformanceRunIdSchema]), result: ack },
} as const;

/** Every event main pushes to a window, with its payload schema. */
export const eventSchemas = {
  /** A batch of new records (a few dozen batches a second at most): the new total and the newest rows (as many as `setTailRows` asked for). */
  recordsAppended: z.object({
    sessionId: sessionIdSchema,
    count: z.number().int().min(0),
    newest: z.array(recordRowSchema),
    /**
     * The last rows of each filtered view a window follows (`setTailRows` with a filter) whose
     * index main could bring up to `count` within the batch; absent for the others, which a window
     * reads with `getTailRecords`.
     */
    views: z.array(followedViewTailSchema).optional(),
  }),
  sessionStateChanged: sessionSummarySchema,
  sessionClosed: z.object({ sessionId: sessionIdSchema, closed: sessionClosedInfoSchema }),
  /**
   * Main dropped a session and freed its capture; its id is no longer valid. `forgotten`: a
   * window closed it (`forgetSession`); `listen-history`, `relay-history`, `conformance-history`,
   * `fanout-history`: a finished listened or relayed connection, an older conformance run's case or
   * an older fan-out run's client left its bounded history to make room.
   */
  sessionRemoved: z.object({ sessionId: sessionIdSchema, reason: sessionRemovedReasonSchema }),
  ...diagnosisEventSchemas,
  ...listenEventSchemas,
  ...relayEventSchemas,
  ...fanoutEventSchemas,
  ...workspaceEventSchemas,
  ...conformanceEventSchemas,
} as const;

export type CommandName = keyof typeof commandSchemas;
export type EventName = keyof typeof eventSchemas;

/** The command names, in a stable order, for transports that register one handler per command. */
export const commandNames = Object.keys(commandSchemas) as CommandName[];
/** The event names, in a stable order. */
export const eventNames = Object.keys(eventSchemas) as EventName[];

/** What a caller passes to a command (defaults may be left out). */
export type CommandArgs<K extends CommandName> = z.input<(typeof commandSchemas)[K]['args']>;
/** What a command resolves to. */
export type CommandResult<K extends CommandName> = z.output<(typeof commandSchemas)[K]['result']>;
/** An event's payload. */
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;

/** Subscribes to one event; returns the function that unsubscribes. */
export type Subscribe = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;

/** The API as the renderer sees it: one async function per command, plus `on`. */
export type FramelineApi = {
  readonly [K in CommandName]: (...args: CommandArgs<K>) => Promise<CommandResult<K>>;
} & { readonly on: Subscribe };

/** Validates a command's arguments; throws a `z.ZodError` naming the bad field. */
export function parseCommandArgs<K extends CommandName>(command: K, args: unknown): z.output<(typeof commandSchemas)[K]['args']> {
  return commandSchemas[command].args.parse(args) as z.output<(typeof commandSchemas)[K]['args']>;
}

/** True for a string that names a command (a bridge message may carry anything). */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commandSchemas, name);
}
