import type { Writable } from 'node:stream';
import { jsonEscapedHiddenCharacters } from '../../shared/text/visible-text.js';
import type { CliIo } from './cli-io.js';
import { isMarkedPrintableAscii } from './printable-chunks.js';

/**
 * The CLI's last line of defence for the terminal (issue 19): every write to stdout and stderr has
 * its control, bidirectional and invisible characters turned into `\uXXXX` escapes (LF and TAB
 * kept), so no byte from a server, a frame or a file can move the cursor, recolour the screen,
 * ring the bell or reorder text, even where a printer forgot to escape a field. A JSON line stays
 * valid and means the same. The printers still escape each field with `visibleText`, which reads
 * better; this catches what they miss. Our own progress line reaches the terminal through
 * `writeTerminalControl`, the only unguarded path.
 */
export function guardTerminalIo(io: CliIo): CliIo {
  const rawStderr = io.stderr;
  return {
    ...io,
    stdout: guardedStream(io.stdout),
    stderr: guardedStream(io.stderr),
    writeTerminalControl: (sequence) => void rawStderr.write(sequence),
  };
}

/** The stream with `write` guarded; everything else (events, `isTTY`, back-pressure) is the stream's own. */
function guardedStream(stream: Writable): Writable {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    // Bytes that hold nothing to escape go out as they are: no decoding, scan and re-encoding of
    // every --json batch (a quarter of `connect --json`'s time in its profile), and no scan at all
    // of a batch its writer vouched for (printable-chunks.ts).
    if (chunk instanceof Uint8Array && (isMarkedPrintableAscii(chunk) || isPrintableAscii(chunk))) return (stream.write as (...args: unknown[]) => boolean)(chunk, ...rest);
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
    const encodingGiven = typeof rest[0] === 'string';
    return (stream.write as (...args: unknown[]) => boolean)(jsonEscapedHiddenCharacters(text), ...(encodingGiven ? ['utf8', ...rest.slice(1)] : rest));
  };
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

// Every character jsonEscapedHiddenCharacters escapes is a C0 control other than LF and TAB, DEL,
// or outside ASCII; printable ASCII with LF and TAB is therefore left exactly as it is. Scanned
// four bytes at a time: a word is looked at byte by byte only when it may hold a byte below 0x20
// (every line's LF) or above 0x7e.
function isPrintableAscii(bytes: Uint8Array): boolean {
  const length = bytes.length;
  const head = Math.min(length, (4 - (bytes.byteOffset & 3)) & 3);
  if (!arePrintableBytes(bytes, 0, head)) return false;
  const wordCount = (length - head) >>> 2;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, wordCount);
  for (let index = 0; index < wordCount; index++) {
    const word = words[index] as number;
    const hasHighOrDel = (((word + 0x01010101) | word) & 0x80808080) !== 0;
    const hasBelowSpace = ((word - 0x20202020) & ~word & 0x80808080) !== 0;
    if ((hasHighOrDel || hasBelowSpace) && !arePrintableBytes(bytes, head + index * 4, head + index * 4 + 4)) return false;
  }
  return arePrintableBytes(bytes, head + wordCount * 4, length);
}

function arePrintableBytes(bytes: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const byte = bytes[index] as number;
    if (byte > 0x7e || (byte < 0x20 && byte !== 0x0a && byte !== 0x09)) return false;
  }
  return true;
}
