import type { Violation, ViolationRule } from './violation.js';

/** What a rule means: where it is stated, the close code a strict endpoint sends, and a plain sentence. */
export interface ViolationEntry {
  readonly section: string;
  readonly closeCode: number;
  readonly message: string;
}

/**
 * Every rule the decoder checks. Close codes follow §7.4.1: 1002 for framing errors, 1007 for
 * payload data that contradicts the message type, 1008 for local policy limits, 1009 for sizes.
 */
export const VIOLATION_CATALOG: Readonly<Record<ViolationRule, ViolationEntry>> = {
  'client-frame-unmasked': {
    section: '5.1', closeCode: 1002,
    message: 'A client frame arrived unmasked; every frame from client to server must be masked.',
  },
  'server-frame-masked': {
    section: '5.1', closeCode: 1002,
    message: 'A server frame arrived masked; a server must not mask the frames it sends.',
  },
  'rsv-without-extension': {
    section: '5.2', closeCode: 1002,
    message: 'An RSV bit is set but no negotiated extension defines its meaning.',
  },
  'reserved-opcode': {
    section: '5.2', closeCode: 1002,
    message: 'The opcode is reserved for future use (3–7 and 11–15).',
  },
  'non-minimal-length': {
    section: '5.2', closeCode: 1002,
    message: 'The payload length was written in a longer form than needed; the minimal encoding must be used.',
  },
  'length-msb-set': {
    section: '5.2', closeCode: 1002,
    message: 'The most significant bit of the 64-bit payload length is set; it must be 0.',
  },
  'control-frame-too-long': {
    section: '5.5', closeCode: 1002,
    message: 'A control frame carries more than 125 bytes of payload.',
  },
  'control-frame-fragmented': {
    section: '5.5', closeCode: 1002,
    message: 'A control frame has FIN clear; control frames must not be fragmented.',
  },
  'unexpected-continuation': {
    section: '5.4', closeCode: 1002,
    message: 'A continuation frame arrived although no fragmented message was in progress.',
  },
  'expected-continuation': {
    section: '5.4', closeCode: 1002,
    message: 'A new data frame started while a fragmented message was still in progress.',
  },
  'invalid-utf8': {
    section: '8.1', closeCode: 1007,
    message: 'The text message is not valid UTF-8.',
  },
  'close-payload-one-byte': {
    section: '5.5.1', closeCode: 1002,
    message: 'The close frame has a 1-byte payload; a close body is empty or starts with a 2-byte code.',
  },
  'invalid-close-code': {
    section: '7.4', closeCode: 1002,
    message: 'The close code may not be sent on the wire (reserved, unassigned, or out of range).',
  },
  'invalid-close-reason-utf8': {
    section: '5.5.1', closeCode: 1007,
    message: 'The close reason is not valid UTF-8.',
  },
  'rsv1-on-control-or-continuation': {
    section: '7692/6', closeCode: 1002,
    message: 'RSV1 is set on a control or continuation frame; permessage-deflate sets it only on the first frame of a message.',
  },
  'payload-too-big': {
    section: '10.4', closeCode: 1009,
    message: 'The payload is larger than the configured maximum.',
  },
  'too-many-fragments': {
    section: '10.4', closeCode: 1008,
    message: 'The message has more fragments than the configured maximum.',
  },
  'inflate-failed': {
    section: '7692/7.2.2', closeCode: 1007,
    message: 'The compressed message could not be inflated.',
  },
  'inflated-too-big': {
    section: '10.4', closeCode: 1009,
    message: 'The inflated message is larger than the configured maximum.',
  },
  'truncated-frame': {
    section: '5.2', closeCode: 1006,
    message: 'The stream ended in the middle of a frame.',
  },
  'data-after-close': {
    section: '5.5.1', closeCode: 1002,
    message: 'A frame arrived after the close frame; nothing may follow a close frame.',
  },
};

/** Builds the violation value for a rule, optionally with a more specific message. */
export function violationOf(rule: ViolationRule, message?: string): Violation {
  const entry = VIOLATION_CATALOG[rule];
  return { rule, section: entry.section, closeCode: entry.closeCode, message: message ?? entry.message };
}
