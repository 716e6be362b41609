/** RFC 6455 §5.2 opcodes. 3–7 and 11–15 are reserved; they still decode, with a violation. */
export const Opcode = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

/** Any 4-bit opcode value, including reserved ones (a crafted frame may carry any of them). */
export type OpcodeValue = number;

/** §5.5: control frames have the most significant opcode bit set. */
export function isControlOpcode(opcode: OpcodeValue): boolean {
  return (opcode & 0x8) !== 0;
}

/** §5.2: opcodes 3–7 (data) and 11–15 (control) are reserved for future use. */
export function isReservedOpcode(opcode: OpcodeValue): boolean {
  return (opcode >= 0x3 && opcode <= 0x7) || opcode >= 0xb;
}

/** A short name for timelines and logs: `text`, `ping`, or `reserved-0x3`. */
export function opcodeName(opcode: OpcodeValue): string {
  switch (opcode) {
    case Opcode.continuation: return 'continuation';
    case Opcode.text: return 'text';
    case Opcode.binary: return 'binary';
    case Opcode.close: return 'close';
    case Opcode.ping: return 'ping';
    case Opcode.pong: return 'pong';
    default: return `reserved-0x${opcode.toString(16)}`;
  }
}
