import { z } from 'zod';

/** The export formats (docs/capture-format.md): the native file, HAR 1.2 and pcapng. */
export const exportFormats = ['json', 'har', 'pcapng'] as const;

/** One export format, as commands and the CLI name it. */
export const exportFormatSchema = z.enum(exportFormats);

/** One export format. */
export type ExportFormat = z.output<typeof exportFormatSchema>;
