import { message, type Message } from '../i18n/message.js';

/** Close codes defined by RFC 6455 §7.4.1 and the IANA "WebSocket Close Code Number Registry". */
export const CloseCode = {
  normalClosure: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  noStatusReceived: 1005,
  abnormalClosure: 1006,
  invalidFramePayloadData: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  mandatoryExtension: 1010,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
  badGateway: 1014,
  tlsHandshake: 1015,
} as const;

// Catalogue keys written whole (shared/i18n/README.md), so each name is found by its text.
const nameKeys: ReadonlyMap<number, string> = new Map([
  [1000, 'common:closeCode.normalClosure'],
  [1001, 'common:closeCode.goingAway'],
  [1002, 'common:closeCode.protocolError'],
  [1003, 'common:closeCode.unsupportedData'],
  [1004, 'common:closeCode.reserved'],
  [1005, 'common:closeCode.noStatusReceived'],
  [1006, 'common:closeCode.abnormalClosure'],
  [1007, 'common:closeCode.invalidFramePayloadData'],
  [1008, 'common:closeCode.policyViolation'],
  [1009, 'common:closeCode.messageTooBig'],
  [1010, 'common:closeCode.mandatoryExtension'],
  [1011, 'common:closeCode.internalError'],
  [1012, 'common:closeCode.serviceRestart'],
  [1013, 'common:closeCode.tryAgainLater'],
  [1014, 'common:closeCode.badGateway'],
  [1015, 'common:closeCode.tlsHandshake'],
]);

/** A close code's name as a message ("Normal Closure", "Private Use (4000–4999)", "Invalid (999)"); the number itself is printed beside it. */
export function closeCodeMessage(closeCode: number): Message {
  const known = nameKeys.get(closeCode);
  if (known !== undefined) return message(known);
  if (closeCode >= 3000 && closeCode <= 3999) return message('common:closeCode.registered');
  if (closeCode >= 4000 && closeCode <= 4999) return message('common:closeCode.privateUse');
  if (closeCode >= 1016 && closeCode <= 2999) return message('common:closeCode.unassigned');
  return message('common:closeCode.invalid', { closeCode });
}

/**
 * Whether an endpoint may put this code in a close frame. §7.4.1: 1005, 1006 and 1015 must never
 * be sent; §7.4.2: 0–999 are unused and 1000–2999 are reserved for the RFC and its extensions,
 * so only the codes assigned so far (1000–1014 except the reserved 1004) are accepted, as ws does;
 * 3000–4999 are for libraries and applications; 5000 and above are out of range.
 */
export function isValidWireCloseCode(closeCode: number): boolean {
  if (closeCode >= 3000 && closeCode <= 4999) return Number.isInteger(closeCode);
  return closeCode >= 1000 && closeCode <= 1014 && closeCode !== 1004 && closeCode !== 1005 && closeCode !== 1006;
}
