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

const names: ReadonlyMap<number, string> = new Map([
  [1000, 'Normal Closure'],
  [1001, 'Going Away'],
  [1002, 'Protocol Error'],
  [1003, 'Unsupported Data'],
  [1004, 'Reserved'],
  [1005, 'No Status Received'],
  [1006, 'Abnormal Closure'],
  [1007, 'Invalid Frame Payload Data'],
  [1008, 'Policy Violation'],
  [1009, 'Message Too Big'],
  [1010, 'Mandatory Extension'],
  [1011, 'Internal Error'],
  [1012, 'Service Restart'],
  [1013, 'Try Again Later'],
  [1014, 'Bad Gateway'],
  [1015, 'TLS Handshake'],
]);

/** A name for the timeline: "Normal Closure", "Private Use (4000–4999)", "Invalid (999)". */
export function closeCodeName(closeCode: number): string {
  const known = names.get(closeCode);
  if (known !== undefined) return known;
  if (closeCode >= 3000 && closeCode <= 3999) return 'Registered (3000–3999)';
  if (closeCode >= 4000 && closeCode <= 4999) return 'Private Use (4000–4999)';
  if (closeCode >= 1016 && closeCode <= 2999) return 'Unassigned (1016–2999)';
  return `Invalid (${closeCode})`;
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
