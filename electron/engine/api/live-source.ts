import type { SessionOrigin, SessionState } from '../../../shared/contract/api-session.js';
import type { CaptureLog } from '../capture/capture-log.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import type { ClosedDetails } from '../../../shared/connection/closed-details.js';

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

/** Hands a capture to the engine so windows can list it and page its records; returns its session id. */
export type AdoptCapture = (adopted: { readonly url: string; readonly capture: CaptureLog; readonly live: LiveSource; readonly origin: SessionOrigin; readonly protocol?: ProtocolLayer }) => string;

/** Takes an adopted session back out of the engine and frees its capture; windows are told why. */
export type ReleaseCapture = (sessionId: string, reason: string) => void;
