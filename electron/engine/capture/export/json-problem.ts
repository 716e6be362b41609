import type { CaptureFileProblem } from '../../../../shared/contract/capture.js';
import { message, verbatim, type Message } from '../../../../shared/i18n/message.js';
import { captureProblem } from '../capture-problem.js';

/** Where a piece of JSON text sits in the file, for pieces of a larger document. */
export interface JsonPiece {
  /** The file's byte offset for a byte offset in the piece. */
  readonly fileOffset: (pieceOffset: number) => number;
  /** The file's size in bytes. */
  readonly fileBytes: number;
  /** False for a piece cut out of the file whole: its early end is broken JSON, not a truncated file. */
  readonly isFileEnd: boolean;
}

/**
 * One import problem for text that is not valid JSON: where it breaks, in bytes of the file, or
 * that the file is truncated. `piece` places text that is only part of the file.
 */
export function jsonProblem(file: string, text: string, error: unknown, piece?: JsonPiece): CaptureFileProblem {
  const reason = error instanceof Error ? error.message : String(error);
  const size = Buffer.byteLength(text, 'utf8');
  const fileOffset = piece?.fileOffset ?? ((offset: number) => offset);
  const fileBytes = piece?.fileBytes ?? size;
  const position = /at position (\d+)/.exec(reason)?.[1];
  if (position === undefined || Number(position) >= text.trimEnd().length) {
    if (position !== undefined || /end of JSON input|Unterminated/i.test(reason)) {
      if (piece?.isFileEnd === false) return brokenAt(file, fileOffset(size), message('capture:json.valueEndsEarly'));
      return truncatedAt(file, fileBytes);
    }
    return captureProblem(file, message('capture:problem.notJson', { file, reason }));
  }
  // The JSON parser's own reason is quoted as it words it.
  return brokenAt(file, fileOffset(Buffer.byteLength(text.slice(0, Number(position)), 'utf8')), verbatim(reason.replace(/ in JSON at position \d+.*$/s, '')));
}

/** The file ends inside a value. */
export function truncatedAt(file: string, fileBytes: number): CaptureFileProblem {
  return captureProblem(file, message('capture:problem.truncated', { file, byteOffset: fileBytes }), { byteOffset: fileBytes });
}

/** The JSON is broken at a byte offset, for the reason `detail`. */
export function brokenAt(file: string, byteOffset: number, detail: Message): CaptureFileProblem {
  return captureProblem(file, message('capture:problem.broken', { file, byteOffset, detail }), { byteOffset });
}
