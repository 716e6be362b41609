import { parseArgs } from 'node:util';
import { exportFormats, type ExportFormat } from '../../shared/contract/export-format.js';
import { exportCaptureFile, exportExtension } from '../engine/capture/export/export-capture.js';
import { openCapture } from '../engine/capture/export/capture-open.js';
import type { RedactionOptions } from '../engine/capture/export/redaction-rules.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

/** `frameline convert --help`. */
export const convertUsage = `frameline convert IN --to json|har|pcapng [options]

Reads a .frameline.json capture or a HAR (Chrome's or Frameline's) and writes it as another format.
Secrets are redacted by default: Authorization, Proxy-Authorization, Cookie and Set-Cookie
headers, URL user info, and query parameters whose names contain token, key, secret, password,
auth, sig or session.

  --to FORMAT               json (.frameline.json), har or pcapng
  -o, --output FILE         where to write (default: IN with the format's extension)
  --no-redact               keep every secret (the file says nothing was redacted)
  --redact-header NAME      also redact this header (repeatable)
  --redact-payload REGEX    replace matches in payloads with * of the same length (repeatable)`;

const spec = {
  to: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'no-redact': { type: 'boolean' },
  'redact-header': { type: 'string', multiple: true },
  'redact-payload': { type: 'string', multiple: true },
} as const;

/** Converts one capture file; 0 on success, 1 when the input cannot be read (the one problem on stderr). */
export async function runConvert(argv: readonly string[], io: CliIo): Promise<number> {
  const { input, format, output, redaction } = parseConvertArgs(argv);
  const opened = await openCapture({ path: input });
  if (!opened.ok) {
    io.stderr.write(`frameline: ${opened.problem.message}\n`);
    return 1;
  }
  try {
    await exportCaptureFile(opened.log, format, output, redaction);
  } finally {
    opened.log.dispose();
  }
  const note = redaction.isEnabled ? '' : ' (not redacted)';
  io.stdout.write(`${output}${note}\n`);
  return 0;
}

function parseConvertArgs(argv: readonly string[]): { input: string; format: ExportFormat; output: string; redaction: RedactionOptions } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('convert takes one input file (frameline convert --help)');
  const input = positionals[0] as string;
  const format = values.to as ExportFormat | undefined;
  if (format === undefined || !exportFormats.includes(format)) throw new UsageError('--to must be json, har or pcapng');
  const output = values.output ?? defaultOutput(input, format);
  if (output === input) throw new UsageError(`the output would overwrite ${input}; name another file with -o`);
  const payloadPatterns = (values['redact-payload'] ?? []).map((source) => {
    try {
      return new RegExp(source, 'g');
    } catch (error) {
      throw new UsageError(`--redact-payload ${source}: ${error instanceof Error ? error.message : String(error)}`);
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
