import type { ProtocolFacts } from '../app-protocol.js';
import type { EncodedMessage } from '../wire-message.js';
import { encodeUtf8 } from '../../protocol/utf8-text.js';
import { EIO3_BINARY_MESSAGE_PREFIX, enginePacketDigit } from './engine-io-packet.js';
import type { EnginePacketType } from './engine-io-packet.js';
import { socketIoPacketHeader } from './socket-io-packet.js';

/**
 * What the composer sends in Socket.IO terms. JSON is taken as typed (`argsJson` is the text of
 * the arguments after the event name, e.g. `{"text":"hi"}, 2`) and never re-serialised, so an
 * invalid argument list goes out as written; `raw` sends any Engine.IO text at all.
 */
export type SocketIoInput =
  | { readonly kind: 'event'; readonly namespace?: string; readonly event: string; readonly argsJson?: string; readonly ackId?: number; readonly attachments?: readonly Uint8Array[] }
  | { readonly kind: 'ack'; readonly namespace?: string; readonly ackId: number; readonly argsJson?: string; readonly attachments?: readonly Uint8Array[] }
  | { readonly kind: 'connect'; readonly namespace?: string; readonly authJson?: string }
  | { readonly kind: 'disconnect'; readonly namespace?: string }
  | { readonly kind: 'engine'; readonly packet: EnginePacketType; readonly data?: string }
  | { readonly kind: 'raw'; readonly text: string };

/** Encodes composer input as Engine.IO messages: the packet text, then one binary message per attachment. */
export function encodeSocketIo(input: SocketIoInput, facts: ProtocolFacts): EncodedMessage[] {
  switch (input.kind) {
    case 'event':
    case 'ack': {
      const attachments = input.attachments ?? [];
      const isBinary = attachments.length > 0;
      const type = input.kind === 'event' ? (isBinary ? 'BINARY_EVENT' : 'EVENT') : isBinary ? 'BINARY_ACK' : 'ACK';
      const head = socketIoPacketHeader(type, input.namespace ?? '/', input.ackId, attachments.length);
      const items = [
        ...(input.kind === 'event' ? [JSON.stringify(input.event)] : []),
        ...(input.argsJson !== undefined && input.argsJson.trim() !== '' ? [input.argsJson] : []),
        ...attachments.map((_, num) => `{"_placeholder":true,"num":${num}}`),
      ];
      return [text(`4${head}[${items.join(',')}]`), ...attachments.map((bytes) => binary(bytes, facts))];
    }
    case 'connect':
      return [text(`4${socketIoPacketHeader('CONNECT', input.namespace ?? '/', undefined, 0)}${input.authJson ?? ''}`)];
    case 'disconnect':
      return [text(`4${socketIoPacketHeader('DISCONNECT', input.namespace ?? '/', undefined, 0)}`)];
    case 'engine':
      return [text(`${enginePacketDigit(input.packet)}${input.data ?? ''}`)];
    case 'raw':
      return [text(input.text)];
  }
}

function text(value: string): EncodedMessage {
  return { isText: true, bytes: encodeUtf8(value) };
}

function binary(bytes: Uint8Array, facts: ProtocolFacts): EncodedMessage {
  if (facts['eio'] !== 3) return { isText: false, bytes };
  const prefixed = new Uint8Array(bytes.length + 1);
  prefixed[0] = EIO3_BINARY_MESSAGE_PREFIX;
  prefixed.set(bytes, 1);
  return { isText: false, bytes: prefixed };
}
