/** Keeps the last `maxChars` characters of a peer's output, so a chatty daemon cannot fill memory. */
export class LogBuffer {
  private text = '';

  constructor(private readonly maxChars = 64 * 1024) {}

  /** Appends a chunk (stdout, stderr or a harness event line). */
  append(chunk: string | Buffer): void {
    this.text += chunk.toString();
    if (this.text.length > this.maxChars) this.text = this.text.slice(-this.maxChars);
  }

  /** The retained output. */
  toString(): string {
    return this.text;
  }
}
