import type { FrameDescription } from '../protocol/frame-encoder.js';

/**
 * How a crafted frame is masked: by the role's rule (a fresh key from a client, none from a
 * server, §5.1), with a fresh key whatever the role, with none, or with exactly this 4-byte key.
 */
export type MaskChoice = 'role' | 'random' | 'none' | Uint8Array;

/**
 * One frame with every header field chosen, legal or not (§5.2). A relay forwards a received
 * frame as one of these (see `forwardableFrame`), a conformance test writes broken ones.
 */
export interface CraftedFrame extends Omit<FrameDescription, 'maskingKey'> {
  /** Default `role`. */
  readonly mask?: MaskChoice;
}

/**
 * What a caller asks a connection to send, as bytes. Messages are masked by role and compressed
 * when permessage-deflate was agreed (RFC 7692 §6); crafted frames are written exactly as
 * described, never compressed, and may be sent while the connection is closing.
 */
export type Outgoing =
  | { readonly kind: 'text'; readonly payload: Uint8Array }
  | { readonly kind: 'binary'; readonly payload: Uint8Array }
  | { readonly kind: 'ping'; readonly payload?: Uint8Array }
  | { readonly kind: 'pong'; readonly payload?: Uint8Array }
  /** §5.5.1: no code gives an empty body; any 16-bit code may be sent, valid or not (§7.4). */
  | { readonly kind: 'close'; readonly closeCode?: number; readonly reason?: string }
  | { readonly kind: 'frames'; readonly frames: readonly CraftedFrame[] };
