import { englishText } from '../i18n/english-text.js';
import { message, verbatim, type Message, type MessageValues } from '../i18n/message.js';
import type { Violation, ViolationRule } from './violation.js';

/**
 * What a rule means: where it is stated, the close code a strict endpoint sends, and its sentence
 * as a catalogue key (`violations` namespace); `detailedKey` is the sentence that names the
 * offending value (an opcode, a close code, the inflater's words), for rules that have one.
 */
export interface ViolationEntry {
  readonly section: string;
  readonly closeCode: number;
  readonly key: string;
  readonly detailedKey?: string;
}

/**
 * Every rule the decoder checks. Close codes follow §7.4.1: 1002 for framing errors, 1007 for
 * payload data that contradicts the message type, 1008 for local policy limits, 1009 for sizes.
 */
export const VIOLATION_CATALOG: Readonly<Record<ViolationRule, ViolationEntry>> = {
  'client-frame-unmasked': { section: '5.1', closeCode: 1002, key: 'violations:rule.client-frame-unmasked' },
  'server-frame-masked': { section: '5.1', closeCode: 1002, key: 'violations:rule.server-frame-masked' },
  'rsv-without-extension': { section: '5.2', closeCode: 1002, key: 'violations:rule.rsv-without-extension' },
  'reserved-opcode': { section: '5.2', closeCode: 1002, key: 'violations:rule.reserved-opcode', detailedKey: 'violations:detailed.reserved-opcode' },
  'non-minimal-length': { section: '5.2', closeCode: 1002, key: 'violations:rule.non-minimal-length' },
  'length-msb-set': { section: '5.2', closeCode: 1002, key: 'violations:rule.length-msb-set' },
  'control-frame-too-long': { section: '5.5', closeCode: 1002, key: 'violations:rule.control-frame-too-long' },
  'control-frame-fragmented': { section: '5.5', closeCode: 1002, key: 'violations:rule.control-frame-fragmented' },
  'unexpected-continuation': { section: '5.4', closeCode: 1002, key: 'violations:rule.unexpected-continuation' },
  'expected-continuation': { section: '5.4', closeCode: 1002, key: 'violations:rule.expected-continuation' },
  'invalid-utf8': { section: '8.1', closeCode: 1007, key: 'violations:rule.invalid-utf8' },
  'close-payload-one-byte': { section: '5.5.1', closeCode: 1002, key: 'violations:rule.close-payload-one-byte' },
  'invalid-close-code': { section: '7.4', closeCode: 1002, key: 'violations:rule.invalid-close-code', detailedKey: 'violations:detailed.invalid-close-code' },
  'invalid-close-reason-utf8': { section: '5.5.1', closeCode: 1007, key: 'violations:rule.invalid-close-reason-utf8' },
  'rsv1-on-control-or-continuation': { section: '7692/6', closeCode: 1002, key: 'violations:rule.rsv1-on-control-or-continuation' },
  'payload-too-big': { section: '10.4', closeCode: 1009, key: 'violations:rule.payload-too-big' },
  'too-many-fragments': { section: '10.4', closeCode: 1008, key: 'violations:rule.too-many-fragments' },
  'inflate-failed': { section: '7692/7.2.2', closeCode: 1007, key: 'violations:rule.inflate-failed', detailedKey: 'violations:detailed.inflate-failed' },
  'inflated-too-big': { section: '10.4', closeCode: 1009, key: 'violations:rule.inflated-too-big', detailedKey: 'violations:detailed.inflated-too-big' },
  'truncated-frame': { section: '5.2', closeCode: 1006, key: 'violations:rule.truncated-frame' },
  'data-after-close': { section: '5.5.1', closeCode: 1002, key: 'violations:rule.data-after-close' },
};

const englishByRule = new Map<ViolationRule, string>();

/**
 * Builds the violation value for a rule: its English sentence in `message` (what captures and
 * `--json` keep), and with `values` the detailed sentence, also as a message in `i18n` so each
 * edge words it in its reader's language.
 */
export function violationOf(rule: ViolationRule, values?: MessageValues): Violation {
  const entry = VIOLATION_CATALOG[rule];
  const base = { rule, section: entry.section, closeCode: entry.closeCode };
  if (values !== undefined && entry.detailedKey !== undefined) {
    const detailed = message(entry.detailedKey, values);
    return { ...base, message: englishText(detailed), i18n: detailed };
  }
  let english = englishByRule.get(rule);
  if (english === undefined) {
    english = englishText(message(entry.key));
    englishByRule.set(rule, english);
  }
  return { ...base, message: english };
}

/**
 * A violation's sentence as a message: the detailed one it carries, else its rule's sentence
 * (violations read from captures keep their rule id, so an unknown rule falls back to the
 * recorded English text).
 */
export function violationMessage(violation: { readonly rule: string; readonly message: string; readonly i18n?: Message }): Message {
  if (violation.i18n !== undefined) return violation.i18n;
  // A capture is untrusted input: its rule id may be any text, "toString" included.
  if (!Object.hasOwn(VIOLATION_CATALOG, violation.rule)) return verbatim(violation.message);
  return message(VIOLATION_CATALOG[violation.rule as ViolationRule].key);
}
