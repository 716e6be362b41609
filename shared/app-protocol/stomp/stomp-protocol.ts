import type { AppProtocol, Detection, DetectionHints } from '../app-protocol.js';
import { message } from '../../i18n/message.js';
import { detected, subprotocolReason } from '../detection.js';
import { decodeUtf8 } from '../../protocol/utf8-text.js';
import { matchingSubprotocol } from '../url-shape.js';
import { StompDecoder } from './stomp-decoder.js';
import { StompDuties } from './stomp-duties.js';
import { encodeStomp } from './stomp-encoder.js';
import type { StompInput } from './stomp-encoder.js';
import { stompVersionOf } from './stomp-headers.js';

/** STOMP 1.0, 1.1 and 1.2 (`v10.stomp`, `v11.stomp`, `v12.stomp`). */
export const stompProtocol: AppProtocol<StompInput> = {
  id: 'stomp',
  displayName: 'STOMP',
  detect: detectStomp,
  createDecoder: (context) => new StompDecoder(context),
  encode: encodeStomp,
  createDuties: (_context, options) => new StompDuties(options?.isEnabled ?? true),
};

function detectStomp(hints: DetectionHints): Detection | null {
  const subprotocol = matchingSubprotocol(hints, (name) => stompVersionOf(name) !== undefined || name === 'stomp');
  if (subprotocol !== undefined) {
    return detected('stomp', 'certain', subprotocolReason(subprotocol));
  }
  const first = hints.firstMessages?.find((message) => message.direction === 'out');
  if (first !== undefined && /^(CONNECT|STOMP)\r?\n/.test(decodeUtf8(first.bytes.subarray(0, 16)))) {
    return detected('stomp', 'likely', message('protocols:detection.stompConnect'));
  }
  return null;
}
