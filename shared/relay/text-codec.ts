/**
 * UTF-8 for message bodies, injected by the owner: shared/ has no TextDecoder in its libraries, and
 * messages can be megabytes, too large for the byte-by-byte decoder meant for close reasons.
 */
export interface TextCodec {
  /** The text of valid UTF-8, or null when the bytes are not valid UTF-8. */
  decode(bytes: Uint8Array): string | null;
  encode(text: string): Uint8Array;
}
