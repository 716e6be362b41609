/** One line of a file without its line break, and where it starts. */
export interface FileLine {
  readonly text: string;
  /** Bytes from the start of the file to the first byte of the line. */
  readonly byteOffset: number;
  /** 1-based. */
  readonly lineNumber: number;
  /** False for a last line that stops without a line break (the file may have been cut there). */
  readonly hasLineBreak: boolean;
}

/**
 * Splits byte chunks into lines at `\n` (a `\r` before it is dropped), keeping byte offsets so an
 * error can point into the file. A line is decoded only once it is complete, so a multi-byte
 * character split across chunks stays whole.
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<FileLine> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let lineStart = 0;
  let lineNumber = 1;
  const finishLine = (tail: Uint8Array, hasLineBreak: boolean): FileLine => {
    const bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
    const end = bytes.byteLength > 0 && bytes[bytes.byteLength - 1] === 0x0d ? bytes.byteLength - 1 : bytes.byteLength;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('utf8');
    const line = { text, byteOffset: lineStart, lineNumber, hasLineBreak };
    lineStart += bytes.byteLength + 1;
    lineNumber += 1;
    pending = [];
    pendingBytes = 0;
    return line;
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, from)) {
      yield finishLine(chunk.subarray(from, at), true);
      from = at + 1;
    }
    if (from < chunk.byteLength) {
      pending.push(chunk.subarray(from));
      pendingBytes += chunk.byteLength - from;
    }
  }
  if (pendingBytes > 0) yield finishLine(new Uint8Array(0), false);
}
