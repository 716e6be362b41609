import { message } from '../../i18n/message.js';
import { binaryFiller, filler, sendBinary, sendText } from '../case-builders.js';
import type { ConformanceCase } from '../conformance-case.js';

/** §5.2: each length form (7-bit up to 125, 16-bit up to 65535, 64-bit beyond) at its edges. */
const sizes = [0, 125, 126, 127, 128, 65535, 65536] as const;
const chopBytes = 997;
const sections = ['6455 §5.2', '6455 §5.6'];

/** Group 1: text and binary messages of every length form, and one written in odd-sized pieces. */
export function framingCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  sizes.forEach((bytes, index) => {
    cases.push({
      id: `1.1.${index + 1}`, group: 1, sections, expect: { kind: 'echo' },
      description: message('conformance:case.textMessage', { bytes }),
      expectation: message('conformance:expect.echo'),
      steps: () => [sendText(filler(bytes))],
    });
  });
  cases.push({
    id: '1.1.8', group: 1, sections, expect: { kind: 'echo' },
    description: message('conformance:case.textMessageChopped', { bytes: 65536, chop: chopBytes }),
    expectation: message('conformance:expect.echo'),
    steps: () => [sendText(filler(65536), { chopBytes })],
  });
  sizes.forEach((bytes, index) => {
    cases.push({
      id: `1.2.${index + 1}`, group: 1, sections, expect: { kind: 'echo' },
      description: message('conformance:case.binaryMessage', { bytes }),
      expectation: message('conformance:expect.echo'),
      steps: () => [sendBinary(binaryFiller(bytes, index))],
    });
  });
  cases.push({
    id: '1.2.8', group: 1, sections, expect: { kind: 'echo' },
    description: message('conformance:case.binaryMessageChopped', { bytes: 65536, chop: chopBytes }),
    expectation: message('conformance:expect.echo'),
    steps: () => [sendBinary(binaryFiller(65536, 8), { chopBytes })],
  });
  return cases;
}
