import type { ConformanceCase } from './conformance-case.js';
import { framingCases } from './groups/group-1-framing.js';
import { miscCases } from './groups/group-10-misc.js';
import { deflateCases } from './groups/group-12-deflate.js';
import { deflateParameterCases } from './groups/group-13-deflate-parameters.js';
import { framingRuleCases } from './groups/group-14-framing-rules.js';
import { handshakeCases } from './groups/group-15-handshake.js';
import { pingCases } from './groups/group-2-pings.js';
import { reservedBitCases } from './groups/group-3-reserved-bits.js';
import { reservedOpcodeCases } from './groups/group-4-opcodes.js';
import { fragmentationCases } from './groups/group-5-fragmentation.js';
import { utf8Cases } from './groups/group-6-utf8.js';
import { closingCases } from './groups/group-7-closing.js';
import { limitCases } from './groups/group-9-limits.js';

/** A group of the battery: its number and the catalogue key of its title. */
export interface CaseGroup {
  readonly group: number;
  readonly titleKey: string;
}

/** The groups in order: Autobahn's numbers for what it covers, 14 and 15 for what it does not. */
export const caseGroups: readonly CaseGroup[] = [
  { group: 1, titleKey: 'conformance:group.framing' },
  { group: 2, titleKey: 'conformance:group.pings' },
  { group: 3, titleKey: 'conformance:group.reservedBits' },
  { group: 4, titleKey: 'conformance:group.opcodes' },
  { group: 5, titleKey: 'conformance:group.fragmentation' },
  { group: 6, titleKey: 'conformance:group.utf8' },
  { group: 7, titleKey: 'conformance:group.closing' },
  { group: 9, titleKey: 'conformance:group.limits' },
  { group: 10, titleKey: 'conformance:group.misc' },
  { group: 12, titleKey: 'conformance:group.deflate' },
  { group: 13, titleKey: 'conformance:group.deflateParameters' },
  { group: 14, titleKey: 'conformance:group.framingRules' },
  { group: 15, titleKey: 'conformance:group.handshake' },
];

let table: readonly ConformanceCase[] | null = null;

/** Every case, in order; built once (scripts are generators, so this holds no payloads). */
export function conformanceCases(): readonly ConformanceCase[] {
  table ??= [
    ...framingCases(),
    ...pingCases(),
    ...reservedBitCases(),
    ...reservedOpcodeCases(),
    ...fragmentationCases(),
    ...utf8Cases(),
    ...closingCases(),
    ...limitCases(),
    ...miscCases(),
    ...deflateCases(),
    ...deflateParameterCases(),
    ...framingRuleCases(),
    ...handshakeCases(),
  ];
  return table;
}

/** One case by id, or undefined. */
export function findCase(id: string): ConformanceCase | undefined {
  return conformanceCases().find((each) => each.id === id);
}

/** Compares case ids numerically part by part (`6.10.1` after `6.9.2`). */
export function compareCaseIds(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? -1) - (right[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}
