import type { FrameHeader } from './frame-header.js';
import type { SenderRole } from './frame-decoder-options.js';
import { isControlOpcode, isReservedOpcode, Opcode } from './opcode.js';
import type { Violation } from './violation.js';
import { violationOf } from './violation-catalog.js';

/** What the header checks need to know beyond the header itself. */
export interface HeaderRuleContext {
  readonly role: SenderRole;
  readonly isDeflateNegotiated: boolean;
  readonly hasSeenClose: boolean;
}

/**
 * Appends the rules a header alone breaks, in a fixed order so that every split of the stream reports
 * the same list. Message-level rules (§5.4 continuations, limits) live in the decoder.
 */
export function checkHeaderRules(violations: Violation[], header: FrameHeader, context: HeaderRuleContext): void {
  const isControl = isControlOpcode(header.opcode);
  if (context.hasSeenClose) violations.push(violationOf('data-after-close'));
  checkReservedBits(header, isControl, context.isDeflateNegotiated, violations);
  if (isReservedOpcode(header.opcode)) {
    violations.push(violationOf('reserved-opcode', { opcode: `0x${header.opcode.toString(16)}` }));
  }
  if (context.role === 'client' && !header.masked) violations.push(violationOf('client-frame-unmasked'));
  if (context.role === 'server' && header.masked) violations.push(violationOf('server-frame-masked'));
  if (header.isLengthNonMinimal) violations.push(violationOf('non-minimal-length'));
  if (header.isLengthMsbSet) violations.push(violationOf('length-msb-set'));
  if (isControl && header.payloadLength > 125) violations.push(violationOf('control-frame-too-long'));
  if (isControl && !header.fin) violations.push(violationOf('control-frame-fragmented'));
}

function checkReservedBits(header: FrameHeader, isControl: boolean, isDeflateNegotiated: boolean, violations: Violation[]): void {
  // No extension defines RSV2 or RSV3; RSV1 belongs to permessage-deflate when it was negotiated.
  if (header.rsv2 || header.rsv3 || (header.rsv1 && !isDeflateNegotiated)) {
    violations.push(violationOf('rsv-without-extension'));
  } else if (header.rsv1 && (isControl || header.opcode === Opcode.continuation)) {
    violations.push(violationOf('rsv1-on-control-or-continuation'));
  }
}
