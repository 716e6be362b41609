/**
 * permessage-deflate (RFC 7692) codecs are injected into the sans-io core: shared/ negotiates the
 * parameters, electron/engine/deflate implements these. They work on whole messages and
 * synchronously, so the decoder stays a plain function of its input; an inflater that can also
 * work in steps lets a decoder hand its owner's event loop back in the middle of a large message.
 */
export interface MessageInflater {
  /**
   * Inflates one complete message (the concatenated payloads of its frames, without the
   * `00 00 ff ff` tail, which the codec appends per §7.2.2). Stops as soon as the output would
   * exceed `maxOutputBytes`, so a decompression bomb costs no more than the limit.
   */
  inflate(compressed: Uint8Array, maxOutputBytes: number): InflateResult;
  /** Starts inflating one message in steps (same input and limit as `inflate`); optional. */
  begin?(compressed: Uint8Array, maxOutputBytes: number): InflateJob;
}

/** One message being inflated in steps; the codec's state moves on only through `step`. */
export interface InflateJob {
  /**
   * Inflates about `sliceBytes` more output, handing it to `onOutput` in pieces (views valid only
   * during the call: copy what you keep). Returns null while more is left, else how it ended.
   */
  step(sliceBytes: number, onOutput: (bytes: Uint8Array) => void): InflateEnd | null;
}

/**
 * Why an inflate failed: the output would pass the limit, or the input is not DEFLATE data
 * (`detail`: the codec's own words, as data, `''` when it gave none). The decoder words it as a
 * violation, so the sentence has one home in the catalogue.
 */
export type InflateFailure =
  | { readonly ok: false; readonly reason: 'too-big' }
  | { readonly ok: false; readonly reason: 'corrupt'; readonly detail: string };

/** How a stepped inflate ended: the message's inflated length, or why it failed. */
export type InflateEnd = { readonly ok: true; readonly length: number } | InflateFailure;

/** The outcome of one inflate: bytes, or why there are none. */
export type InflateResult = { readonly ok: true; readonly data: Uint8Array } | InflateFailure;

/** Compresses one message for sending; the result has the `00 00 ff ff` tail removed (§7.2.1). */
export interface MessageDeflater {
  deflate(message: Uint8Array): Uint8Array;
}
