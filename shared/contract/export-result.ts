import { z } from 'zod';

/**
 * Where an export went (a capture, a fan-out report). The desktop app asks where to save (its save
 * dialog confirms before replacing a file); the browser UI gets a download the browser saves under
 * a name of its own.
 */
export const exportResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), fileName: z.string() }),
  /** The user closed the save dialog: nothing was written. */
  z.object({ kind: z.literal('cancelled') }),
  /** Ready for the page to download once from the web host (`/download?id=`), under `suggestedName`. */
  z.object({ kind: z.literal('download'), downloadId: z.string().min(1), suggestedName: z.string(), byteLength: z.number().int().min(0) }),
]);

/** Where an export went. */
export type ExportResult = z.output<typeof exportResultSchema>;
