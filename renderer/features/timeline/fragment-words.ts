import type { FrameRow } from '../../../shared/contract/record-row.js';

/** A fragment's place in its message (§5.4), as catalogue keys. */
export const FRAGMENT_WORDS = {
  whole: 'timeline:fragment.whole',
  first: 'timeline:fragment.first',
  middle: 'timeline:fragment.middle',
  last: 'timeline:fragment.last',
} as const satisfies Record<FrameRow['fragment'], string>;
