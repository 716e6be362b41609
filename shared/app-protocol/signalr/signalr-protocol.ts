import type { AppProtocol, Detection, DetectionHints } from '../app-protocol.js';
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
  if (isClassicUrl(hints.url)) return { protocol: 'signalr', confidence: 'certain', reason: 'the URL is a classic SignalR /signalr/connect with transport=webSockets' };
  // ASP.NET Core clients connect with ?id=<connection token> after negotiate, often on a /hub path.
  const { path, query } = urlShape(hints.url);
  const first = hints.firstMessages?.find((message) => message.direction === 'out' && message.isText);
  const firstText = first === undefined ? '' : decodeUtf8(first.bytes.subarray(0, 64));
  if (/^\{"protocol":"(json|messagepack)","version":\d+\}/.test(firstText) && firstText.includes(String.fromCharCode(RECORD_SEPARATOR))) {
    return { protocol: 'signalr', confidence: 'certain', reason: 'the client opened with a SignalR hub handshake' };
  }
  if (query.has('id') && /hub/i.test(path)) return { protocol: 'signalr', confidence: 'likely', reason: 'the URL looks like an ASP.NET Core SignalR hub (…hub?id=…)' };
  return null;
}
