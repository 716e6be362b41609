import type { EventRecordJson, HandshakeRecordJson, RelayLeg } from '../../../shared/contract/records.js';
import type { Direction, FragmentPosition } from '../../../shared/protocol/frame-record.js';
import type { Violation } from '../../../shared/protocol/violation.js';

/**
 * A frame as the log holds it, bytes as bytes: what exporters, redaction and the CLI read (base64
 * appears only where JSON is written, record-json.ts). The byte fields the log hands out are views
 * into its storage where it can: read them, never write to them.
 */
export interface CapturedFrame {
  readonly kind: 'frame';
  readonly seq: number;
  readonly atMicros: number;
  readonly direction: Direction;
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  readonly masked: boolean;
  /** The 4-byte masking key when it arrived, else null. */
  readonly maskingKey: Uint8Array | null;
  /** The declared payload length. */
  readonly payloadLength: number;
  /** The 2–14 header bytes as received. */
  readonly headerBytes: Uint8Array;
  /** The unmasked payload, as much as was retained. */
  readonly payload: Uint8Array;
  readonly payloadTruncated: boolean;
  readonly messageId: number;
  readonly fragment: FragmentPosition;
  readonly inflatedPayload?: Uint8Array;
  readonly closeCode?: number;
  readonly closeReason?: string;
  readonly rttMicros?: number;
  readonly violations: readonly Violation[];
  /** An export replaced the payload bytes with filler (set on imported, redacted captures). */
  readonly redacted?: true;
  /** Relay captures: the leg the frame travelled and its counterpart's seq on the other leg (shared/contract/records.ts). */
  readonly leg?: RelayLeg;
  readonly link?: number;
}

/** A frame to append: a decoded frame, an imported one or a copy of a captured one. */
export type FrameInput = Omit<CapturedFrame, 'kind' | 'seq' | 'direction' | 'rttMicros' | 'redacted' | 'leg' | 'link'> & { readonly redacted?: boolean };

/** Any record of a capture in the log's terms: frames with bytes, handshakes and events as the contract has them. */
export type CapturedRecord = CapturedFrame | HandshakeRecordJson | EventRecordJson;
