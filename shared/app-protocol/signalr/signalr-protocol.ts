import type { AppProtocol, Detection, DetectionHints } from '../app-protocol.js';
import { message } from '../../i18n/message.js';
import { detected } from '../detection.js';
import { decodeUtf8 } from '../../protocol/utf8-text.js';
import { urlShape } from '../url-shape.js';
import { SignalrDecoder } from './signalr-decoder.js';
import { SignalrDuties } from './signalr-duties.js';
import { encodeSignalr } from './signalr-encoder.js';
import type { SignalrInput } from './signalr-encoder.js';
import { isClassicUrl } from './signalr-mode.js';
import { RECORD_SEPARATOR } from './signalr-records.js';

/** SignalR: ASP.NET Core JSON and MessagePack hub protocols, and classic ASP.NET SignalR. */
export const signalrProtocol: AppProtocol<SignalrInput> = {
  id: 'signalr',
  displayName: 'SignalR',
  detect: detectSignalr,
  createDecoder: (context) => new SignalrDecoder(context),
  encode: encodeSignalr,
  createDuties: (_context, options) => new SignalrDuties(options?.isEnabled ?? true, options?.keepAliveMs),
};

function detectSignalr(hints: DetectionHints): Detection | null {
  if (isClassicUrl(hints.url)) return detected('signalr', 'certain', message('protocols:detection.signalrClassicUrl'));
  // ASP.NET Core clients connect with ?id=<connection token> after negotiate, often on a /hub path.
  const { path, query } = urlShape(hints.url);
  const first = hints.firstMessages?.find((message) => message.direction === 'out' && message.isText);
  const firstText = first === undefined ? '' : decodeUtf8(first.bytes.subarray(0, 64));
  if (/^\{"protocol":"(json|messagepack)","version":\d+\}/.test(firstText) && firstText.includes(String.fromCharCode(RECORD_SEPARATOR))) {
    return detected('signalr', 'certain', message('protocols:detection.signalrHandshake'));
  }
  if (query.has('id') && /hub/i.test(path)) return detected('signalr', 'likely', message('protocols:detection.signalrHubUrl'));
  return null;
}
