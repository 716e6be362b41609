import type { AppProtocol, Detection, DetectionHints } from '../app-protocol.js';
import { message } from '../../i18n/message.js';
import { detected } from '../detection.js';
import { decodeUtf8 } from '../../protocol/utf8-text.js';
import { urlShape } from '../url-shape.js';
import { SocketIoDecoder } from './socket-io-decoder.js';
import { SocketIoDuties } from './socket-io-duties.js';
import { encodeSocketIo } from './socket-io-encoder.js';
import type { SocketIoInput } from './socket-io-encoder.js';

/** Socket.IO v2–v4 over Engine.IO 3 and 4. */
export const socketIoProtocol: AppProtocol<SocketIoInput> = {
  id: 'socket.io',
  displayName: 'Socket.IO',
  detect: detectSocketIo,
  createDecoder: (context) => new SocketIoDecoder(context),
  encode: encodeSocketIo,
  createDuties: (context, options) => SocketIoDuties.forContext(context, options?.isEnabled ?? true),
};

function detectSocketIo(hints: DetectionHints): Detection | null {
  const { path, query } = urlShape(hints.url);
  if (query.has('EIO') && query.get('transport') === 'websocket') {
    return detected('socket.io', 'certain', message('protocols:detection.engineIoUrl', { version: query.get('EIO') ?? '' }));
  }
  if (/\/socket\.io\/?$/.test(path)) return detected('socket.io', 'certain', message('protocols:detection.socketIoPath'));
  const first = hints.firstMessages?.find((message) => message.direction === 'in' && message.isText);
  if (first !== undefined && /^0\{.*"sid"/.test(decodeUtf8(first.bytes.subarray(0, 200)))) {
    return detected('socket.io', 'likely', message('protocols:detection.engineIoOpen'));
  }
  return null;
}
