import type { PausedMessageInfo } from '../../../shared/contract/api-relay.js';
import { PREVIEW_MAX_BYTES } from '../../../shared/contract/record-row.js';
import type { PausedMessage } from '../../../shared/relay/relay-command.js';
import { nodeTextCodec } from './node-text-codec.js';

const lenient = new TextDecoder('utf-8');

/** A paused message for the window: its summary and the start of its payload (text, or hex when not UTF-8). */
export function pausedMessageInfo(paused: PausedMessage, payload: Uint8Array): PausedMessageInfo {
  const start = payload.subarray(0, PREVIEW_MAX_BYTES);
  const isText = nodeTextCodec.decode(payload) !== null;
  const isCut = start.length < payload.length;
  return {
    ...paused,
    seqs: [...paused.seqs],
    // A cut may split a character: the lenient decoder shows it as U+FFFD rather than refusing the preview.
    preview: isText ? `${lenient.decode(start)}${isCut ? '…' : ''}` : `${Buffer.from(start).toString('hex').replace(/(..)(?!$)/g, '$1 ')}${isCut ? ' …' : ''}`,
    previewEncoding: isText ? 'text' : 'hex',
  };
}
