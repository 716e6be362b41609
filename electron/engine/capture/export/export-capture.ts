import type { Writable } from 'node:stream';
import type { CaptureStream } from './capture-stream.js';
import { writeHarExport } from './har-export.js';
import { writeCapture } from '../native-writer.js';
import { writePcapngExport } from './pcapng-export.js';
import { redactedCapture } from './redacted-capture.js';
import { defaultRedaction, type RedactionOptions } from './redaction-rules.js';
import { writeFileAtomically } from './stream-writer.js';

/** The three export formats (docs/capture-format.md). */
export type ExportFormat = 'json' | 'har' | 'pcapng';

/** The file name ending each format is written with. */
export const exportExtension: Record<ExportFormat, string> = { json: '.frameline.json', har: '.har', pcapng: '.pcapng' };

/** The format a file name asks for: `.har`, `.pcapng`, anything else native. */
export function formatFromFileName(fileName: string): ExportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.har')) return 'har';
  if (lower.endsWith('.pcapng')) return 'pcapng';
  return 'json';
}

/** Streams `capture` to `stream` as `format`, redacted unless `redaction.isEnabled` is false. */
export async function exportCapture(capture: CaptureStream, format: ExportFormat, stream: Writable, redaction: RedactionOptions = defaultRedaction): Promise<void> {
  const view = await redactedCapture(capture, redaction);
  switch (format) {
    case 'json':
      return writeCapture(view, stream);
    case 'har':
      return writeHarExport(view, stream);
    case 'pcapng':
      return writePcapngExport(view, stream);
  }
}

/** Writes the export to `path` through a `.partial` file renamed when complete. */
export async function exportCaptureFile(capture: CaptureStream, format: ExportFormat, path: string, redaction: RedactionOptions = defaultRedaction): Promise<void> {
  await writeFileAtomically(path, (stream) => exportCapture(capture, format, stream, redaction));
}
