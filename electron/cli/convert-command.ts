import type { Translate } from '../../shared/i18n/create-i18n.js';
import { parseArgs } from 'node:util';
import { exportFormats, type ExportFormat } from '../../shared/contract/export-format.js';
import { renderMessage } from '../../shared/i18n/message.js';
import { visibleText } from '../../shared/text/visible-text.js';
import { exportCaptureFile, exportExtension } from '../engine/capture/export/export-capture.js';
import { openCapture } from '../engine/capture/export/capture-open.js';
import type { RedactionOptions } from '../engine/capture/export/redaction-rules.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

const spec = {
  to: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'no-redact': { type: 'boolean' },
  'redact-header': { type: 'string', multiple: true },
  'redact-payload': { type: 'string', multiple: true },
} as const;

/** Converts one capture file; 0 on success, 1 when the input cannot be read (the one problem on stderr). */
export async function runConvert(argv: readonly string[], io: CliIo, t: Translate): Promise<number> {
  const { input, format, output, redaction } = parseConvertArgs(argv);
  const opened = await openCapture({ path: input });
  if (!opened.ok) {
    const problem = opened.problem.i18n === undefined ? opened.problem.message : renderMessage(t, opened.problem.i18n);
    io.stderr.write(`frameline: ${t('cli:convert.cannotOpen', { problem: visibleText(problem) })}\n`);
    return 1;
  }
  try {
    await exportCaptureFile(opened.log, format, output, redaction);
  } finally {
    opened.log.dispose();
  }
  io.stdout.write(`${redaction.isEnabled ? output : t('cli:convert.notRedacted', { file: output })}\n`);
  return 0;
}

function parseConvertArgs(argv: readonly string[]): { input: string; format: ExportFormat; output: string; redaction: RedactionOptions } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError('cli:error.arguments', { detail: (error instanceof Error ? error.message : String(error)).split('\n')[0]! });
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('cli:error.convertOneInput');
  const input = positionals[0] as string;
  const format = values.to as ExportFormat | undefined;
  if (format === undefined || !exportFormats.includes(format)) throw new UsageError('cli:error.convertFormat');
  const output = values.output ?? defaultOutput(input, format);
  if (output === input) throw new UsageError('cli:error.convertOverwrite', { input });
  const payloadPatterns = (values['redact-payload'] ?? []).map((source) => {
    try {
      return new RegExp(source, 'g');
    } catch (error) {
      throw new UsageError('cli:error.redactPayload', { source, detail: error instanceof Error ? error.message : String(error) });
    }
  });
  const redaction: RedactionOptions = {
    isEnabled: values['no-redact'] !== true,
    extraHeaderNames: values['redact-header'] ?? [],
    payloadPatterns,
  };
  return { input, format, output, redaction };
}

function defaultOutput(input: string, format: ExportFormat): string {
  const base = input.replace(/(\.frameline\.json|\.json|\.har|\.pcapng)$/i, '');
  return `${base}${exportExtension[format]}`;
}
