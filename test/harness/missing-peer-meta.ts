import type { PeerName } from './peer-availability.js';

/**
 * Attached to the marker test that `requirePeer` registers when a peer is missing. Test metadata
 * travels from the worker to the reporter with the test's result, which is why it carries the
 * skip: nothing has to be shared across worker processes by hand.
 */
export interface MissingPeerMeta {
  readonly name: PeerName;
  readonly reason: string;
  /** True when FRAMELINE_REQUIRE_PEERS=1 turned the missing peer into a failing test. */
  readonly isRequired: boolean;
}

declare module '@vitest/runner' {
  interface TaskMeta {
    missingPeer?: MissingPeerMeta;
  }
}
