import { message, type Message } from '../../../shared/i18n/message.js';

/**
 * Files people try to open that are not captures Frameline reads, recognised by their first bytes
 * (and name), so the window says what the file is in one sentence instead of a JSON parser error.
 */

/** How many leading bytes `unsupportedCaptureReason` looks at. */
export const sniffBytes = 16;

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => head[index] === byte);
}

/** pcap's magic numbers: microsecond and nanosecond resolution, either byte order. */
const pcapMagics = [
  [0xd4, 0xc3, 0xb2, 0xa1],
  [0xa1, 0xb2, 0xc3, 0xd4],
  [0x4d, 0x3c, 0xb2, 0xa1],
  [0xa1, 0xb2, 0x3c, 0x4d],
] as const;

/** Containers whose content might be a capture once unpacked. */
const archives: readonly (readonly [string, readonly number[]])[] = [
  ['gzip', [0x1f, 0x8b]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

/** The first byte that is not whitespace or a UTF-8 byte order mark, or undefined. */
function firstSignificant(head: Uint8Array): number | undefined {
  const start = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  for (let index = start; index < head.length; index += 1) {
    const byte = head[index]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return byte;
  }
  return undefined;
}

/**
 * One sentence saying why `fileName` cannot be opened as a capture, or null when it may be one
 * (a JSON object: the capture readers then name any bad field themselves).
 */
export function unsupportedCaptureReason(fileName: string, head: Uint8Array, byteLength: number): Message | null {
  const name = fileName.toLowerCase();
  if (byteLength === 0) return message('capture:problem.empty', { file: fileName });
  if (startsWith(head, [0x0a, 0x0d, 0x0d, 0x0a]) || name.endsWith('.pcapng')) return message('capture:problem.pcapng', { file: fileName });
  if (pcapMagics.some((magic) => startsWith(head, magic)) || name.endsWith('.pcap') || name.endsWith('.cap')) {
    return message('capture:problem.pcap', { file: fileName });
  }
  const archive = archives.find(([, magic]) => startsWith(head, magic));
  if (archive) return message('capture:problem.archive', { file: fileName, archive: archive[0] });
  if (firstSignificant(head) !== 0x7b) return message('capture:problem.notCapture', { file: fileName });
  return null;
}
