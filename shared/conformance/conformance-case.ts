import type { Outgoing } from '../connection/outgoing.js';
import type { Message } from '../i18n/message.js';
import type { UserHeader } from '../protocol/handshake-request.js';
import type { DeflateOfferOptions } from '../protocol/permessage-deflate.js';

/** How a case's opening handshake differs from a conforming one (RFC 6455 §4.1). */
export interface HandshakePlan {
  /** Sec-WebSocket-Version to send instead of 13. */
  readonly version?: string;
  readonly httpVersion?: '1.0';
  /** Headers replacing or removing (null) the defaults, or added. */
  readonly headers?: readonly UserHeader[];
  /** permessage-deflate offers, preferred first (RFC 7692 §5.1); none unless given. */
  readonly deflate?: readonly DeflateOfferOptions[];
}

/** A data message the server is expected to send back. */
export interface ExpectedEcho {
  readonly opcode: 1 | 2;
  readonly payload: Uint8Array;
}

/**
 * Sends something. The annotations say what the server must do about it: echo a message, answer
 * a ping, or not (because the send broke a rule, or came after our close).
 */
export interface SendStep {
  readonly kind: 'send';
  readonly outgoing: Outgoing;
  readonly echo?: ExpectedEcho;
  /** The payload of a pong the server must send for this ping. */
  readonly pong?: Uint8Array;
  /** The server must not act on this send: no echo of it, no pong for it. */
  readonly isIgnoredByServer?: boolean;
  /** How the bytes go out; default one socket write per frame. */
  readonly write?: WritePlan;
}

/**
 * How a send reaches the socket: one write per frame, all its frames in one write, chopped into
 * writes of `chopBytes` (`paceMs` apart, so each reaches the server in its own read), or split
 * at byte offsets with a pause of `pauseMs` after each piece, each piece counting as a step (so a
 * fail-fast case can tell whether the server failed before the last piece went out).
 */
export type WritePlan =
  | 'per-frame'
  | 'whole'
  | { readonly chopBytes: number; readonly paceMs?: number }
  | { readonly splitAt: readonly number[]; readonly pauseMs: number };

/**
 * Sends a message compressed with the connection's own permessage-deflate context, split into
 * frames of `fragmentBytes` compressed bytes (RFC 7692 §6: RSV1 on the first frame only, unless
 * `rsv1OnEveryFrame` breaks that rule on purpose).
 */
export interface SendDeflatedStep {
  readonly kind: 'send-deflated';
  readonly opcode: 1 | 2;
  readonly payload: Uint8Array;
  readonly fragmentBytes: number;
  readonly rsv1OnEveryFrame?: boolean;
  readonly echo?: ExpectedEcho;
  readonly isIgnoredByServer?: boolean;
}

/** One step of a case's script. */
export type CaseStep =
  | SendStep
  | SendDeflatedStep
  /** Pause before the next step (fail-fast cases measure what the server did meanwhile). */
  | { readonly kind: 'wait'; readonly ms: number }
  /** Continue once every expected echo and pong so far has arrived (one message at a time). */
  | { readonly kind: 'await-echoes' };

/**
 * What the server must do, machine-checkable:
 * - `echo`: conforming traffic; every expected echo and pong arrives, then our close is answered;
 * - `fail`: the server must fail the connection (§7.1.7), ideally with one of `closeCodes`;
 *   with `failFastBeforeStep`, before that step was sent;
 * - `close-reply`: our close (sent by the script) is answered with one of `closeCodes`;
 * - `handshake-accepted` / `handshake-refused`: the answer to the opening handshake;
 * - `informational`: the RFC leaves it open; the verdict reports what the server did.
 */
export type Expectation =
  | { readonly kind: 'echo' }
  | { readonly kind: 'fail'; readonly closeCodes: readonly number[]; readonly failFastBeforeStep?: number }
  | { readonly kind: 'close-reply'; readonly closeCodes: readonly number[] }
  | { readonly kind: 'handshake-accepted' }
  | {
      readonly kind: 'handshake-refused';
      /** The status a conforming server answers with; other 4xx are NON-STRICT. */
      readonly preferredStatus: number | null;
      /** §4.4: a refusal for the version must list the versions the server speaks. */
      readonly needsVersionHeader?: boolean;
      /** What accepting the request (101) earns. */
      readonly whenAccepted: 'FAILED' | 'NON-STRICT';
    }
  | { readonly kind: 'informational' };

/** One case of the battery: what it sends, what the RFC expects, and where the RFC says so. */
export interface ConformanceCase {
  /** `group.sub.n`, e.g. `6.4.1`; Autobahn's numbering for its groups, ours from 14 on. */
  readonly id: string;
  readonly group: number;
  readonly description: Message;
  /** The expectation in words, from the RFC. */
  readonly expectation: Message;
  /** Where the RFC states it: `6455 §5.5.2`, `7692 §7.1.1.1`. */
  readonly sections: readonly string[];
  readonly expect: Expectation;
  readonly handshake?: HandshakePlan;
  /** The script; a generator, so a thousand messages are made as they are sent. */
  readonly steps: () => Iterable<CaseStep>;
  /** This case's time limit; the run's default when absent. */
  readonly timeoutMs?: number;
  /** Runs alone, so its figures are not skewed by other cases (performance). */
  readonly isExclusive?: boolean;
  /** permessage-deflate must be agreed, else UNIMPLEMENTED. */
  readonly requiresDeflate?: boolean;
}
