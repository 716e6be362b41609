import type { Writable } from 'node:stream';
import { jsonEscapedHiddenCharacters } from '../../shared/text/visible-text.js';
import type { CliIo } from './cli-io.js';

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
