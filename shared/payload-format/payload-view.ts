import type { ProtocolValue } from '../app-protocol/protocol-message.js';

/** The binary payload formats Frameline can show besides text, JSON and hex. */
export type PayloadFormat = 'msgpack' | 'cbor' | 'protobuf-wire' | 'protobuf-schema';

/** A payload decoded in one format, or why it is not in that format. The bytes themselves are never changed. */
export type PayloadView =
  | { readonly format: PayloadFormat; readonly ok: true; readonly value: ProtocolValue }
  | { readonly format: PayloadFormat; readonly ok: false; readonly reason: string };

/** Limits that keep a crafted payload from costing more than its size warrants. */
export const PAYLOAD_LIMITS = {
  /** The longest string, byte string, array or map a decoder accepts. */
  maxItems: 1_000_000,
  /** Nested messages or containers deeper than this are shown as bytes. */
  maxDepth: 32,
} as const;

/** The failure view, with the library's message. */
export function failedView(format: PayloadFormat, error: unknown): PayloadView {
  return { format, ok: false, reason: error instanceof Error ? error.message : String(error) };
}
