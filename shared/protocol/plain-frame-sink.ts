/**
 * Takes a plain frame straight from the chunk it was read in, instead of as a FrameRecord (see
 * `FrameDecoder.takePlainFramesWith`). A plain frame is a whole data message: FIN set, no RSV bit,
 * text or binary, unmasked from a server, a 7-bit length, all of it in the chunk, no rule broken
 * (its text is valid UTF-8), no message in progress around it, its payload within every
 * limit. Its record is therefore fully said by these arguments: a `whole` fragment with the 2-byte
 * header those fields make. The sink copies what it keeps before it returns; it returns false to
 * have the frame decoded into a record as usual.
 *
 * Why: on a flood of small messages the record, the payload view and the connection's wrapper
 * made for each frame were most of what the engine allocated and most of its time (issue 12,
 * docs/performance.md, "Plain frames without a record").
 */
export type PlainFrameSink = (chunk: Uint8Array, payloadStart: number, payloadLength: number, opcode: number, messageId: number, atMicros: number) => boolean;

/** Bytes of a plain frame's header: FIN and the opcode, then the length with the mask bit clear. */
export const PLAIN_HEADER_BYTES = 2;
/** The largest payload a 2-byte header can declare (§5.2: 126 and 127 announce longer lengths). */
export const PLAIN_MAX_PAYLOAD_BYTES = 125;
