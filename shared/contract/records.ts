import type { Direction, FragmentPosition } from '../protocol/frame-record.js';
import type { Violation } from '../protocol/violation.js';
import type { Message } from '../i18n/message.js';

/**
 * The serialised record shapes: one object per line of `frameline connect --json`, the rows of a
 * `.frameline.json` capture, and what the renderer receives. Raw bytes are base64, masking keys
 * hex. Fields may be added; these names stay (issue "Live sessions", "The record shape").
 */
export type RecordJson = HandshakeRecordJson | FrameRecordJson | EventRecordJson;

/**
 * In a relay capture, which of the two connections a record belongs to: `client` is the client's
 * connection to the relay, `server` the relay's connection to the server. With `direction` (`out`
 * client→server, `in` server→client) it names the four legs: client→relay (`client`, `out`),
 * relay→server (`server`, `out`), server→relay (`server`, `in`), relay→client (`client`, `in`).
 */
export type RelayLeg = 'client' | 'server';

/** One header line as sent or received, order and case preserved. */
export type HeaderPair = [name: string, value: string];

/** A named handshake validation, e.g. `{ id: 'accept', ok: false, detail: 'expected …' }`. */
export interface HandshakeCheck {
  readonly id: string;
  readonly ok: boolean;
  /** In English, as captures and `--json` keep it. */
  readonly detail: string;
  /** `detail` as a message, so each reader gets it in their language (absent in captures written before). */
  readonly i18n?: Message;
}

export interface HandshakeRequestJson {
  readonly method: string;
  readonly target: string;
  readonly httpVersion: string;
  readonly headers: HeaderPair[];
  /** base64 of the exact bytes written. */
  readonly raw: string;
}

export interface HandshakeResponseJson {
  readonly httpVersion: string;
  readonly statusCode: number;
  readonly reason: string;
  readonly headers: HeaderPair[];
  /** base64 of the body of a non-101 response, up to the body limit. */
  readonly body?: string;
  /** base64 of the exact head bytes received (and body bytes, when there is a body). */
  readonly raw: string;
}

/**
 * A response that arrived but cannot be read as an HTTP/1.x head: its bytes are kept (up to the
 * head limit) with the reason, so a broken server's answer is shown, not lost.
 */
export interface UnreadableResponseJson {
  /** The parser's verdict: `bad-status-line`, `bad-header-line`, `too-many-headers`, `head-too-large` or `incomplete-head`. */
  readonly error: string;
  /** The reason in words, e.g. `line 3 is not a header field ("name: value"): "X Bad"`. */
  readonly reason: string;
  /** base64 of the bytes received, up to the head limit. */
  readonly raw: string;
  /** True when more bytes arrived than `raw` keeps. */
  readonly rawTruncated: boolean;
}

export interface HandshakeRecordJson {
  readonly kind: 'handshake';
  readonly seq: number;
  readonly atMicros: number;
  readonly request: HandshakeRequestJson;
  /** null when no readable response head arrived (timeout, reset, or unreadable: see `unreadableResponse`). */
  readonly response: HandshakeResponseJson | null;
  /** Present when bytes arrived that are not a readable response head. */
  readonly unreadableResponse?: UnreadableResponseJson;
  readonly checks: HandshakeCheck[];
  /** Relay captures only: whose handshake this is (the client's request and our answer, or ours and the server's). */
  readonly leg?: RelayLeg;
}

export interface FrameRecordJson {
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
  readonly maskingKey: string | null;
  readonly payloadLength: number;
  readonly headerBytes: string;
  readonly payload: string;
  readonly payloadTruncated: boolean;
  readonly messageId: number;
  readonly fragment: FragmentPosition;
  readonly inflatedPayload?: string;
  readonly closeCode?: number;
  readonly closeReason?: string;
  /** On a pong: the time since the ping it answers (same payload, most recent first). */
  readonly rttMicros?: number;
  readonly violations: Violation[];
  /** Set by a redacting export when payload bytes were replaced by filler of the same length; absent otherwise. */
  readonly redacted?: boolean;
  /** Relay captures only: which connection the frame crossed. */
  readonly leg?: RelayLeg;
  /**
   * Relay captures only: the seq of this frame's counterpart on the other leg — on a frame the
   * relay wrote, the frame it came from; on a frame the relay read, the first frame it became.
   * Absent when there is none (dropped, injected, answered by a rule, or not forwarded yet).
   */
  readonly link?: number;
}

/** Connection events, in the order they happen (DESIGN.md "The record model"). */
export type EventName =
  | 'dns'
  | 'tcp-connected'
  | 'proxy-tunnel-established'
  | 'socks-step'
  | 'tls-established'
  | 'handshake-sent'
  | 'response-received'
  | 'warning'
  | 'error'
  | 'note'
  | 'closed';

/** Where a failure happened, for `error` events. */
export type FailureStage = 'settings' | 'dns' | 'tcp' | 'proxy' | 'tls' | 'handshake' | 'websocket' | 'socket';

/** Who ended the connection and how (the last event of every session). */
export type ClosedBy = 'client' | 'server' | 'path';
export type ClosedHow = 'close-frame' | 'fin' | 'rst' | 'timeout' | 'error';

/** An event's sentences as messages (shared/i18n/message.ts); the English text stays in `message` and `hint`. */
export interface EventText {
  readonly message: Message;
  readonly hint?: Message;
}

export interface EventRecordJson {
  readonly kind: 'event';
  readonly seq: number;
  readonly atMicros: number;
  readonly name: EventName;
  /** For `error`: the stage, a plain message and a hint. */
  readonly stage?: FailureStage;
  readonly message?: string;
  readonly hint?: string;
  /** For `error`, `warning`, `note` and a `closed` that failed: `message` and `hint` as messages, so each reader gets them in their language. */
  readonly i18n?: EventText;
  /** For `closed`. */
  readonly by?: ClosedBy;
  readonly how?: ClosedHow;
  readonly closeCode?: number;
  readonly closeReason?: string;
  /** Event-specific details (addresses, TLS summary, proxy hop), always plain JSON. */
  readonly [detail: string]: unknown;
}
