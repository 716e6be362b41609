import type { CaptureFileProblem } from '../../../../shared/contract/capture.js';

/** One import problem for text that is not valid JSON: where it breaks, in bytes, or that it is truncated. */
export function jsonProblem(file: string, text: string, error: unknown): CaptureFileProblem {
  const reason = error instanceof Error ? error.message : String(error);
  const size = Buffer.byteLength(text, 'utf8');
  const position = /at position (\d+)/.exec(reason)?.[1];
  if (position === undefined || Number(position) >= text.trimEnd().length) {
    if (position !== undefined || /end of JSON input|Unterminated/i.test(reason)) {
      return { file, message: `${file}: the JSON ends early at byte ${size}; the file is truncated`, byteOffset: size };
    }
    return { file, message: `${file}: not valid JSON (${reason})` };
  }
  const byteOffset = Buffer.byteLength(text.slice(0, Number(position)), 'utf8');
  const detail = reason.replace(/ in JSON at position \d+.*$/s, '');
  return { file, message: `${file}: broken JSON at byte ${byteOffset}: ${detail}`, byteOffset };
}
