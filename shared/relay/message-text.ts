import type { TextCodec } from './text-codec.js';

/**
 * A message as patterns see it: its UTF-8 text, or, for bytes that are not UTF-8, lowercase hex
 * pairs separated by spaces (`0a ff 00`), so a binary message can still be matched.
 */
export function messageText(payload: Uint8Array, codec: TextCodec): string {
  return codec.decode(payload) ?? spacedHex(payload);
}

function spacedHex(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += (i === 0 ? '' : ' ') + (bytes[i] as number).toString(16).padStart(2, '0');
  return text;
}
