import type { Writable } from 'node:stream';
import type { ExportFormat } from '../../../../shared/contract/export-format.js';
import { writeStreamAtomic } from '../../profiles/atomic-file.js';
import type { CaptureLog } from '../capture-log.js';
import { writeCapture } from '../native-writer.js';
import { writeHarExport } from './har-export.js';
import { logStream } from './log-stream.js';
import { writePcapngExport } from './pcapng-export.js';
import { redactedCapture } from './redacted-capture.js';
import { defaultRedaction, type RedactionOptions } from './redaction-rules.js';

/** The file name ending each format is written with. */
export const exportExtension: Record<ExportFormat, string> = { json: '.frameline.json', har: '.har', pcapng: '.pcapng' };

/** The format a file name asks for: `.har`, `.pcapng`, anything else native. */
export function formatFromFileName(fileName: string): ExportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.har')) return 'har';
  if (lower.endsWith('.pcapng')) return 'pcapng';
  return 'json';
}

/** Streams the records of `log` present when called to `stream` as `format`, redacted unless `redaction.isEnabled` is false. */
export async function exportCapture(log: CaptureLog, format: ExportFormat, stream: Writable, redaction: RedactionOptions = defaultRedaction): Promise<void> {
  const view = await redactedCapture(logStream(log), redaction);
  switch (format) {
    case 'json':
      return writeCapture(view, stream);
    case 'har':
      return writeHarExport(view, stream);
    case 'pcapng':
      return writePcapngExport(view, stream);
  }
}

/** Writes the export to `path` atomically (profiles/atomic-file.ts: a temp file, fsynced and renamed; stale ones swept). */
export async function exportCaptureFile(log: CaptureLog, format: ExportFormat, path: string, redaction: RedactionOptions = defaultRedaction): Promise<void> {
  await writeStreamAtomic(path, (stream) => exportCapture(log, format, stream, redaction));
}
