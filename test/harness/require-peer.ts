import { test } from 'vitest';
import type { MissingPeerMeta } from './missing-peer-meta.js';
import { peerAvailable } from './peer-availability.js';
import type { PeerAvailability, PeerName } from './peer-availability.js';

/** True when FRAMELINE_REQUIRE_PEERS=1 (set in CI): a missing peer fails the run instead of skipping. */
export function isPeerRequired(): boolean {
  return process.env['FRAMELINE_REQUIRE_PEERS'] === '1';
}

/**
 * Looks a peer up for the current test file. Call it at the top level of the file, then guard the
 * tests with `describe.skipIf(!peer.isAvailable)`. When the peer is missing it registers one marker
 * test that the peer reporter lists at the end of the run: skipped with the reason, or failing with
 * the reason when FRAMELINE_REQUIRE_PEERS=1.
 */
export function requirePeer(name: PeerName): PeerAvailability {
  const availability = peerAvailable(name);
  if (availability.isAvailable) return availability;
  const reason = availability.reason ?? 'not found';
  const isRequired = isPeerRequired();
  const missingPeer: MissingPeerMeta = { name, reason, isRequired };
  if (isRequired) {
    test(`peer ${name} is present (FRAMELINE_REQUIRE_PEERS=1)`, { meta: { missingPeer } }, () => {
      throw new Error(`required peer ${name} is missing: ${reason}`);
    });
  } else {
    test.skip(`peer ${name} is missing: ${reason}`, { meta: { missingPeer } }, () => undefined);
  }
  return availability;
}
