/**
 * permessage-deflate (RFC 7692) codecs are injected into the sans-io core: shared/ negotiates the
 * parameters, electron/engine/deflate implements these with Node's zlib. Both work on whole
 * messages and synchronously, so the decoder stays a plain function of its input.
 */
export interface MessageInflater {
  /**
   * Inflates one complete message (the concatenated payloads of its frames, without the
   * `00 00 ff ff` tail, which the codec appends per §7.2.2). Stops as soon as the output would
   * exceed `maxOutputBytes`, so a decompression bomb costs no more than the limit.
   */
  inflate(compressed: Uint8Array, maxOutputBytes: number): InflateResult;
}

/** The outcome of one inflate: bytes, or why there are none. */
export type InflateResult =
  | { readonly ok: true; readonly data: Uint8Array }
  | { readonly ok: false; readonly reason: 'too-big' | 'corrupt'; readonly message: string };

/** Compresses one message for sending; the result has the `00 00 ff ff` tail removed (§7.2.1). */
export interface MessageDeflater {
  deflate(message: Uint8Array): Uint8Array;
}
