import type { Hop, ProbeId, ProbeResult } from '../../../shared/contract/doctor-report.js';
import { verbatim } from '../../../shared/i18n/message.js';
import type { HopSignature } from './hop-signatures.js';

/** A probe's result and the hops its response named. */
export interface ProbeWithHops {
  readonly result: ProbeResult;
  /** The handshake's status, when an answer came. */
  readonly status: number | null;
  readonly hops: readonly HopSignature[];
}

/** The hops seen across probes, one per id, each with the header that named it and the status it came with. */
export function collectHops(seen: ReadonlyArray<{ readonly probe: ProbeId; readonly status: number | null; readonly hops: readonly HopSignature[] }>): Hop[] {
  const hops: Hop[] = [];
  for (const { probe, status, hops: named } of seen) {
    for (const hop of named) {
      if (hops.some((each) => each.id === hop.id)) continue;
      hops.push({ id: hop.id, status: status === 101 ? null : status, evidence: [{ probe, seq: null, text: verbatim(hop.evidence) }] });
    }
  }
  return hops;
}
