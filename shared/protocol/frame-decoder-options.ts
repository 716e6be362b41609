import { zeroFilledBytes, type ByteAllocator } from './copy-bytes.js';
import type { MessageInflater } from './message-codec.js';

/** Whose frames a decoder reads: §5.1 requires client frames to be masked and server frames not. */
export type SenderRole = 'client' | 'server';

/**
 * `observe` records violations and keeps decoding while framing stays intelligible (the
 * inspector); `strict` behaves like a conforming endpoint and fails the connection (§7.1.7).
 */
export type DecodeMode = 'observe' | 'strict';

/** Payload bytes kept per record; the true payloadLength is always kept. */
export const DEFAULT_PAYLOAD_RETENTION_BYTES = 64 * 1024;
/** Largest accepted frame or message, like ws's maxPayload. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 100 * 1024 * 1024;
/** Largest inflated message. */
export const DEFAULT_MAX_INFLATED_BYTES = 100 * 1024 * 1024;
/** Fragments per message; 0 means no limit. Autobahn's largest fragmented cases (9.3, 9.4) stay well under it. */
export const DEFAULT_MAX_FRAGMENTS = 100_000;
/** Control frames are retained whole up to this size whatever the retention (§5.5). */
export const CONTROL_PAYLOAD_RETENTION_BYTES = 125;

/** How a FrameDecoder reads one direction of a connection. */
export interface FrameDecoderOptions {
  readonly role: SenderRole;
  readonly mode?: DecodeMode;
  readonly payloadRetentionBytes?: number;
  readonly maxPayloadBytes?: number;
  readonly maxFragments?: number;
  /** Extension tokens accepted in the handshake, e.g. `['permessage-deflate']`; RSV1 is legal only with it. */
  readonly negotiatedExtensions?: readonly string[];
  /** Inflates permessage-deflate messages; without it compressed payloads are recorded as sent. */
  readonly inflater?: MessageInflater;
  readonly maxInflatedBytes?: number;
  /**
   * With an inflater that works in steps: inflate about this many bytes, then suspend (`push`
   * queues its input) until the owner calls `resume`, so one large message never holds the
   * owner's loop for long. 0 (the default) inflates each message at once.
   */
  readonly inflateSliceBytes?: number;
  /**
   * Inflated bytes the decoder may produce before it holds: once the budget is exhausted, input
   * waits (`isSuspended`) until the owner refills it and calls `resume`. Absent: no budget.
   */
  readonly inflateBudget?: InflateBudget;
  /**
   * An unmasked payload (or its retained part) that lies in one pushed chunk becomes a view of that
   * chunk instead of a copy. Only for an owner that copies what it keeps before it lets go of the
   * records (a capture store): a view keeps the whole chunk alive as long as the record lives.
   * Default false: records own their bytes.
   */
  readonly payloadViews?: boolean;
  /**
   * Makes the buffers payloads are copied or joined into (payloads over 64 bytes). Default
   * zero-filled `new Uint8Array`; the engine passes memory Node does not zero-fill, since every
   * byte is overwritten (the ws library joins with `Buffer.allocUnsafe` for the same reason).
   */
  readonly allocateBytes?: ByteAllocator;
  /**
   * The runtime's UTF-8 validator (Node's `buffer.isUtf8`), for a text message whose whole payload
   * arrives in one piece; our incremental validator still checks everything else and decides any
   * input this one refuses, so records are the same with or without it. Default none.
   */
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
}

/**
 * Inflated bytes a decoder draws on (issue 19: inflated bytes per second). The decoder only spends
 * and looks; its owner, who has a clock, refills it (shared/connection/inflate-rate-budget.ts).
 */
export interface InflateBudget {
  /** True once spending reached the budget: the decoder inflates nothing more until it is false again. */
  readonly isExhausted: boolean;
  /** Counts inflated bytes against the budget (it may go below zero by the last step's overshoot). */
  spend(bytes: number): void;
}

/** Options with every default filled in. */
export type ResolvedDecoderOptions = Required<Omit<FrameDecoderOptions, 'inflater' | 'negotiatedExtensions' | 'inflateBudget' | 'isUtf8'>> & {
  readonly inflater: MessageInflater | null;
  readonly inflateBudget: InflateBudget | null;
  readonly isUtf8: ((bytes: Uint8Array) => boolean) | null;
  readonly isDeflateNegotiated: boolean;
};

/** Fills in the defaults. */
export function resolveDecoderOptions(options: FrameDecoderOptions): ResolvedDecoderOptions {
  return {
    role: options.role,
    mode: options.mode ?? 'observe',
    payloadRetentionBytes: options.payloadRetentionBytes ?? DEFAULT_PAYLOAD_RETENTION_BYTES,
    maxPayloadBytes: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
    maxFragments: options.maxFragments ?? DEFAULT_MAX_FRAGMENTS,
    maxInflatedBytes: options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES,
    inflateSliceBytes: options.inflateSliceBytes ?? 0,
    payloadViews: options.payloadViews ?? false,
    allocateBytes: options.allocateBytes ?? zeroFilledBytes,
    isUtf8: options.isUtf8 ?? null,
    inflater: options.inflater ?? null,
    inflateBudget: options.inflateBudget ?? null,
    isDeflateNegotiated: options.negotiatedExtensions?.includes('permessage-deflate') ?? false,
  };
}
