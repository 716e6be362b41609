import type { Message } from '../i18n/message.js';

/**
 * A protocol rule broken by a frame or handshake, kept as a value on the record (STYLE.md §4):
 * the inspector shows it; a strict endpoint would fail the connection with `closeCode`.
 */
export interface Violation {
  /** Stable id, used by tests, `--json` output and the UI; never renamed. */
  readonly rule: ViolationRule;
  /** The RFC section that states the rule, e.g. "5.5" (RFC 6455) or "7692/6" (RFC 7692). */
  readonly section: string;
  /** The close code a strict endpoint sends when it fails the connection for this rule. */
  readonly closeCode: number;
  /** One plain sentence in English, as captures and `--json` keep it. */
  readonly message: string;
  /**
   * The sentence as a message, when it names the offending value (`violations:detailed.*`); absent
   * when the rule's own sentence says it all. Edges word it with `violationMessage`.
   */
  readonly i18n?: Message;
}

/** Every rule the decoder checks. Additions are fine; ids never change meaning. */
export type ViolationRule =
  | 'client-frame-unmasked'
  | 'server-frame-masked'
  | 'rsv-without-extension'
  | 'reserved-opcode'
  | 'non-minimal-length'
  | 'length-msb-set'
  | 'control-frame-too-long'
  | 'control-frame-fragmented'
  | 'unexpected-continuation'
  | 'expected-continuation'
  | 'invalid-utf8'
  | 'close-payload-one-byte'
  | 'invalid-close-code'
  | 'invalid-close-reason-utf8'
  | 'rsv1-on-control-or-continuation'
  | 'payload-too-big'
  | 'too-many-fragments'
  | 'inflate-failed'
  | 'inflated-too-big'
  | 'truncated-frame'
  | 'data-after-close';
