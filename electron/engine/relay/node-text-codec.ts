import type { TextCodec } from '../../../shared/relay/text-codec.js';

const strict = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** UTF-8 with Node's decoder, for the relay core (shared/ has none of its own for large texts). */
export const nodeTextCodec: TextCodec = {
  decode(bytes) {
    try {
      return strict.decode(bytes);
    } catch {
      return null;
    }
  },
  encode: (text) => encoder.encode(text),
};
