import type { SessionOrigin, SessionRemovedReason, SessionState } from '../../../shared/contract/api-session.js';
import type { CaptureLog } from '../capture/capture-log.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import type { InflatePauseFigures } from '../../../shared/connection/inflate-pause-tally.js';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { SendRequest } from '../../../shared/contract/api-send.js';

/**
 * What the engine needs of anything live that writes a capture: a client `Session` (connection
 * bar, Doctor probes) or a `ListenConnection` (listen mode). Both show in the same timeline.
 */
export interface LiveSource {
  readonly state: SessionState;
  readonly closed: ClosedDetails | null;
  readonly frameCounts: { framesIn: number; framesOut: number };
  /** A client session's inflate-budget pauses so far, read with the counts at each records batch. */
  readonly inflatePauses?: InflatePauseFigures | null;
  onDidChangeState(listener: (state: SessionState) => void): () => void;
}

/**
 * What can send on a live connection the window shows: a client `Session`, or a listened
 * connection driven as the server. Both refuse with SendRefusedError when they cannot send now.
 */
export interface LiveSender {
  send(request: SendRequest): void;
  /** Starts the closing handshake with this code and reason (RFC 6455 §7.1.2). */
  close(closeCode?: number, reason?: string): void;
  readonly ended: Promise<ClosedDetails>;
}

/** A capture handed to the engine. */
export interface AdoptedCapture {
  readonly url: string;
  readonly capture: CaptureLog;
  readonly live: LiveSource;
  readonly origin: SessionOrigin;
  /** What the window may send on (workspace sessions, listened connections); absent: read-only. */
  readonly sender?: LiveSender;
  /** Ends the source early when the user forgets its session (drops a listened connection). */
  readonly stop?: () => void;
  /** The session this one reconnects (auto-reconnect). */
  readonly previousSessionId?: string;
  /** Secret values the session may carry, redacted from every export of it whatever the export options. */
  readonly secretValues?: readonly string[];
  /** The session's application-protocol layer (a listened connection's decode-only one, a workspace session's live one). */
  readonly protocol?: ProtocolLayer;
}

/** Hands a capture to the engine so windows can list it and page its records; returns its session id. */
export type AdoptCapture = (adopted: AdoptedCapture) => string;

/** Takes a finished adopted session back out of the engine and frees its capture (a bounded history made room). */
export type ReleaseCapture = (sessionId: string, reason: Exclude<SessionRemovedReason, 'forgotten'>) => void;
