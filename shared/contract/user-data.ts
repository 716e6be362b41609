import { z } from 'zod';
import { supportedLanguages } from '../i18n/languages.js';

/**
 * What the window keeps for the user across restarts of the app and of `frameline ui`: UI
 * preferences, composer snippets and the send history. Main stores each as a JSON file in the app
 * data folder (written atomically, validated on load; a corrupt file is kept aside and reported),
 * so nothing depends on the page's storage, whose origin changes with `frameline ui`'s port.
 */

/** What the composer can send. */
export const composerModeSchema = z.enum(['text', 'json', 'binary', 'ping', 'pong', 'close']);

/**
 * How a payload is typed: `text` is sent as UTF-8 (for close: the code and reason fields), `hex`
 * and `base64` are decoded to bytes.
 */
export const payloadEncodingSchema = z.enum(['text', 'hex', 'base64']);

/** One sent message, for recall with arrow up. */
export const historyEntrySchema = z.object({
  mode: composerModeSchema,
  text: z.string().max(1024 * 1024),
  encoding: payloadEncodingSchema,
  /** Close mode: the code as typed (empty: no status code). */
  closeCode: z.string().max(16).optional(),
});

/** A named message the user saved. */
export const snippetSchema = historyEntrySchema.extend({ name: z.string().min(1).max(200) });

/** Width and visibility of one timeline column. */
export const columnPreferenceSchema = z.object({
  widthPx: z.number().int().min(24).max(4000).optional(),
  isHidden: z.boolean().optional(),
});

/** The window's layout and view choices. */
export const preferencesSchema = z.object({
  /** Absent: follow the system's language. */
  language: z.enum(supportedLanguages).optional(),
  /** The Time column: wall clock, time since the session started, or time since the previous row. */
  timeFormat: z.enum(['clock', 'sinceStart', 'delta']).default('clock'),
  timelineUnit: z.enum(['frames', 'messages']).default('frames'),
  /** By column id (timeline-columns.ts). */
  columns: z.record(z.string().max(40), columnPreferenceSchema).default({}),
  /** Pane sizes; absent ones take the layout's defaults. */
  panes: z
    .object({
      sideWidthPx: z.number().int().min(200).max(4000).optional(),
      /** The workspace sidebar's width, and whether the user hid it. */
      sidebarWidthPx: z.number().int().min(120).max(2000).optional(),
      isSidebarHidden: z.boolean().optional(),
      composerHeightPx: z.number().int().min(80).max(4000).optional(),
      /** The handshake pane's share of the side column's height. */
      handshakeShare: z.number().min(0.05).max(0.95).optional(),
    })
    .default({}),
});

/** One file main could not load; it was renamed to `keptAs` and defaults were used instead. */
export const userDataProblemSchema = z.object({
  fileName: z.string(),
  message: z.string(),
  keptAs: z.string().optional(),
});

/** Everything the window keeps, as loaded at start. */
export const userDataSchema = z.object({
  preferences: preferencesSchema,
  snippets: z.array(snippetSchema).max(10_000),
  history: z.array(historyEntrySchema).max(1_000),
  problems: z.array(userDataProblemSchema),
});

/** One part to save; each is its own file, so a corrupt one never takes the others with it. */
export const userDataPartSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('preferences'), preferences: preferencesSchema }),
  z.object({ kind: z.literal('snippets'), snippets: userDataSchema.shape.snippets }),
  z.object({ kind: z.literal('history'), history: userDataSchema.shape.history }),
]);

export type ComposerMode = z.output<typeof composerModeSchema>;
export type PayloadEncoding = z.output<typeof payloadEncodingSchema>;
export type HistoryEntry = z.output<typeof historyEntrySchema>;
export type Snippet = z.output<typeof snippetSchema>;
export type ColumnPreference = z.output<typeof columnPreferenceSchema>;
export type Preferences = z.output<typeof preferencesSchema>;
export type UserData = z.output<typeof userDataSchema>;
export type UserDataPart = z.output<typeof userDataPartSchema>;
export type UserDataProblem = z.output<typeof userDataProblemSchema>;
