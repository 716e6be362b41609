import type { SessionOrigin, SessionState } from '../../../shared/contract/api-session.js';
import type { CaptureLog } from '../capture/capture-log.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';
import type { Session } from '../session/session.js';

/**
 * What the engine needs of anything live that writes a capture: a client `Session` (connection
 * bar, Doctor probes) or a `ListenConnection` (listen mode). Both show in the same timeline.
 */
export interface LiveSource {
  readonly state: SessionState;
  readonly closed: ClosedDetails | null;
  readonly frameCounts: { framesIn: number; framesOut: number };
  onDidChangeState(listener: (state: SessionState) => void): () => void;
}

/** A capture handed to the engine. */
export interface AdoptedCapture {
  readonly url: string;
  readonly capture: CaptureLog;
  readonly live: LiveSource;
  readonly origin: SessionOrigin;
  /** A client session the window may send on (workspace sessions); absent: read-only. */
  readonly sender?: Session;
  /** The session this one reconnects (auto-reconnect). */
  readonly previousSessionId?: string;
  /** Secret values the session may carry, redacted from every export of it whatever the export options. */
  readonly secretValues?: readonly string[];
  /** The session's application-protocol layer (a listened connection's decode-only one, a workspace session's live one). */
  readonly protocol?: ProtocolLayer;
}

/** Hands a capture to the engine so windows can list it and page its records; returns its session id. */
export type AdoptCapture = (adopted: AdoptedCapture) => string;

/** Takes an adopted session back out of the engine and frees its capture; windows are told why. */
export type ReleaseCapture = (sessionId: string, reason: string) => void;
