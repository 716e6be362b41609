import type { RelayLeg } from '../../../shared/contract/records.js';

/** How a relay frame's leg reads: a cell the same in every language (C client, R relay, S server) and catalogue words. */
export interface LegWords {
  readonly cell: string;
  readonly words: 'relay:view.legClientToRelay' | 'relay:view.legRelayToServer' | 'relay:view.legServerToRelay' | 'relay:view.legRelayToClient';
}

const WORDS: Record<RelayLeg, Record<'in' | 'out', LegWords>> = {
  client: { out: { cell: 'C→R', words: 'relay:view.legClientToRelay' }, in: { cell: 'R→C', words: 'relay:view.legRelayToClient' } },
  server: { out: { cell: 'R→S', words: 'relay:view.legRelayToServer' }, in: { cell: 'S→R', words: 'relay:view.legServerToRelay' } },
};

/** The words for a frame on `leg` going `direction` (`out` client→server). */
export function legWords(leg: RelayLeg, direction: 'in' | 'out'): LegWords {
  return WORDS[leg][direction];
}
