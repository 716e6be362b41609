import type { ProtocolDecoder, ProtocolSessionContext } from '../../../shared/app-protocol/app-protocol.js';
import type { ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';
import type { EncodedMessage, WireMessage } from '../../../shared/app-protocol/wire-message.js';
import { encodeUtf8 } from '../../../shared/protocol/utf8-text.js';

/** A session context for a URL, with optional subprotocols. */
export function contextFor(url: string, acceptedSubprotocol?: string): ProtocolSessionContext {
  return { url, offeredSubprotocols: acceptedSubprotocol === undefined ? [] : [acceptedSubprotocol], ...(acceptedSubprotocol === undefined ? {} : { acceptedSubprotocol }) };
}

/** Builds wire messages with increasing seqs and times (1 ms apart). */
export class WireScript {
  private seq = 1;
  private atMicros = 0;

  /** A text (string) or binary (bytes) message in `direction`. */
  message(direction: 'in' | 'out', data: string | Uint8Array, gapMicros = 1000): WireMessage {
    this.atMicros += gapMicros;
    const isText = typeof data === 'string';
    return { direction, atMicros: this.atMicros, isText, bytes: isText ? encodeUtf8(data) : data, seqs: [this.seq++] };
  }

  /** An encoder's output as wire messages. */
  encoded(direction: 'in' | 'out', messages: readonly EncodedMessage[]): WireMessage[] {
    return messages.map((message) => {
      this.atMicros += 1000;
      return { direction, atMicros: this.atMicros, isText: message.isText, bytes: message.bytes, seqs: [this.seq++] };
    });
  }
}

/** Feeds every message and returns all protocol messages in order. */
export function decodeAll(decoder: ProtocolDecoder, messages: readonly WireMessage[]): ProtocolMessage[] {
  return messages.flatMap((message) => decoder.push(message));
}

/** A Node Buffer or ArrayBuffer as a plain Uint8Array (what the connection core hands over). */
export function plainBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? Uint8Array.from(data) : new Uint8Array(data.slice(0));
}

/** The text of encoded messages, for comparing with what a reference library wrote. */
export function texts(messages: readonly EncodedMessage[]): string[] {
  return messages.map((message) => new TextDecoder().decode(message.bytes));
}

/** Unwraps an encoder result that must have succeeded. */
export function encoded(result: EncodedMessage[] | { readonly reason: string }): EncodedMessage[] {
  if (!Array.isArray(result)) throw new Error(`encoding refused: ${result.reason}`);
  return result;
}
