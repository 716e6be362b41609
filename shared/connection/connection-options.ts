import type { ByteAllocator } from '../protocol/copy-bytes.js';
import type { DecodeMode, SenderRole } from '../protocol/frame-decoder-options.js';
import type { MessageDeflater, MessageInflater } from '../protocol/message-codec.js';

/** The budgets and timeouts of one connection (documented with their defaults in shared/contract/session-options.ts). */
export interface ConnectionLimits {
  /** Payload bytes kept per frame the peer sends; also the connection's budget for bytes that could not be framed. */
  readonly payloadRetentionBytes: number;
  /** Payload bytes kept per frame we send; default `payloadRetentionBytes`. */
  readonly sentPayloadRetentionBytes?: number;
  /** Largest frame or message (§10.4): a frame over it is recorded at its header and its payload skipped. */
  readonly maxPayloadBytes: number;
  /** Fragments of one message; 0 means no limit. */
  readonly maxFragments: number;
  /** Largest inflated permessage-deflate message. */
  readonly maxInflatedBytes: number;
  /** Inflated bytes per second of the peer's messages; past it reading waits. 0 or absent: no limit. */
  readonly maxInflatedBytesPerSecond?: number;
  /** How long the peer may stay silent during the closing handshake before we drop the connection. */
  readonly closeTimeoutMs: number;
}

/** permessage-deflate codecs for one connection (RFC 7692), made by the owner: shared/ has no zlib. */
export interface ConnectionDeflate {
  /** Inflates the peer's messages. */
  readonly inflater: MessageInflater;
  /** Compresses the messages we send. */
  readonly deflater: MessageDeflater;
  /** Inflates our own messages again, so their records carry the inflated view too. */
  readonly sentInflater: MessageInflater;
  /**
   * Inflate the peer's messages about this many bytes at a time, handing the loop back between
   * steps (a `yield` command); 0 or absent inflates each at once. Issue 19: a message that
   * inflates to the limit must not hold the owner's loop for its whole inflation.
   */
  readonly inflateSliceBytes?: number;
}

/**
 * Strict mode: how long the payload of a frame whose header broke a rule is waited for (at most the
 * retention is read) before the connection fails with what arrived, so a peer that stops mid-frame
 * cannot hold the failure back.
 */
export const FAILED_FRAME_WAIT_MS = 1000;

/** Hands out record numbers; one counter can be shared by connections that write one capture. */
export interface SeqCounter {
  next(): number;
}

/** A counter whose first number is `first` (the capture's count when the connection starts). */
export function seqCounterFrom(first: number): SeqCounter {
  let next = first;
  return { next: () => next++ };
}

/** How a WebSocketConnection behaves. */
export interface WebSocketConnectionOptions {
  /** Which endpoint we are: a client masks what it sends and expects unmasked frames (§5.1). */
  readonly role: SenderRole;
  /** `strict` fails the connection at the peer's first violation (§7.1.7); `observe` records and carries on. */
  readonly mode: DecodeMode;
  readonly limits: ConnectionLimits;
  /** Answer pings with pongs (§5.5.2); off to test a peer's heartbeat timeout. */
  readonly autoPong: boolean;
  /**
   * Answer the peer's close with ours (§5.5.1); default true. A relay turns it off and forwards the
   * close to the other leg instead, so the reply comes from the real peer.
   */
  readonly autoCloseReply?: boolean;
  /** Send every frame the peer sends back as it came, except pings, pongs and closes (listen mode's echo). */
  readonly autoEcho?: boolean;
  /** Send a ping this often while open; 0 sends none. */
  readonly autoPingIntervalMs: number;
  /** With auto-ping: drop the connection when no pong arrives this long after a ping (a dead peer); 0 or absent waits forever. */
  readonly pongTimeoutMs?: number;
  /** §5.3: masking keys come from the owner's CSPRNG. */
  readonly nextMaskingKey: () => Uint8Array;
  /** Present when permessage-deflate was agreed in the handshake. */
  readonly deflate?: ConnectionDeflate | null;
  /** Numbers records; default from 0. */
  readonly seqs?: SeqCounter;
  /** Emit a `message` command for every completed data message, both ways. */
  readonly reportsMessages?: boolean;
  /**
   * With `reportsMessages`: asked as each message of one frame arrives; false skips that message
   * (no copy of its payload, no `message` command) while nobody reads messages, a protocol layer
   * that gave up detecting, say. Messages of several frames are always reported.
   */
  readonly isMessageWanted?: () => boolean;
  /**
   * Received frames' payloads may be views of the chunk they arrived in (the decoder's
   * `payloadViews`), for an owner that copies each `record` command's bytes into its store while
   * carrying it out and keeps no record afterwards; the store's copy is then the only one. With
   * `reportsMessages`, each completed message gets a copy of its own (it outlives the read).
   */
  readonly payloadViews?: boolean;
  /** Makes the buffers the decoders copy payloads into (the decoder's `allocateBytes`); default zero-filled. */
  readonly allocateBytes?: ByteAllocator;
  /** The runtime's UTF-8 validator for received text (the decoder's `isUtf8`); default none. */
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
}
