/**
 * pcapng blocks (the IETF pcapng draft, little-endian): Section Header, Interface Description and
 * Enhanced Packet blocks, with `opt_comment` options. Every block is padded to 32 bits and carries
 * its total length at both ends.
 */

/** LINKTYPE_ETHERNET. */
export const LINKTYPE_ETHERNET = 1;

const blockType = { sectionHeader: 0x0a0d0d0a, interfaceDescription: 0x00000001, enhancedPacket: 0x00000006 } as const;
const optionCode = { endOfOptions: 0, comment: 1, shbUserApplication: 4, ifTimestampResolution: 9 } as const;

interface BlockOption {
  readonly code: number;
  readonly value: Uint8Array;
}

/** The Section Header Block that opens the file; `comments` become `opt_comment` options. */
export function sectionHeaderBlock(comments: readonly string[], application: string): Buffer {
  const body = Buffer.alloc(16);
  body.writeUInt32LE(0x1a2b3c4d, 0); // byte-order magic
  body.writeUInt16LE(1, 4); // major version
  body.writeUInt16LE(0, 6); // minor version
  body.writeBigInt64LE(-1n, 8); // section length not given
  const options = [...comments.map(commentOption), { code: optionCode.shbUserApplication, value: Buffer.from(application, 'utf8') }];
  return block(blockType.sectionHeader, body, options);
}

/** One interface: the link type, no snap length limit, microsecond timestamps. */
export function interfaceDescriptionBlock(linkType: number, name: string): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt16LE(linkType, 0);
  body.writeUInt32LE(0, 4); // snaplen 0: no limit
  const options: BlockOption[] = [
    { code: 2, value: Buffer.from(name, 'utf8') }, // if_name
    { code: optionCode.ifTimestampResolution, value: Uint8Array.of(6) },
  ];
  return block(blockType.interfaceDescription, body, options);
}

/** Bytes of an Enhanced Packet Block around a packet of `packetLength` bytes with these comments. */
export function enhancedPacketBlockLength(packetLength: number, comments: readonly Uint8Array[]): number {
  return 8 + 20 + pad4(packetLength) + optionsLength(comments) + 4;
}

/** Bytes from the start of an Enhanced Packet Block to its packet data. */
export const ENHANCED_PACKET_DATA_OFFSET = 28;

/**
 * Writes an Enhanced Packet Block for a packet on interface 0 at `epochMicros` at `offset` in
 * `target`, around the `packetLength` packet bytes already at `offset + ENHANCED_PACKET_DATA_OFFSET`;
 * `comments` (UTF-8) become `opt_comment` options. Returns the offset after the block.
 */
export function writeEnhancedPacketBlock(target: Buffer, offset: number, epochMicros: number, packetLength: number, comments: readonly Uint8Array[]): number {
  const total = enhancedPacketBlockLength(packetLength, comments);
  target.writeUInt32LE(blockType.enhancedPacket, offset);
  target.writeUInt32LE(total, offset + 4);
  target.writeUInt32LE(0, offset + 8); // interface id
  target.writeUInt32LE(Math.floor(epochMicros / 2 ** 32), offset + 12);
  target.writeUInt32LE(epochMicros % 2 ** 32, offset + 16);
  target.writeUInt32LE(packetLength, offset + 20); // captured length
  target.writeUInt32LE(packetLength, offset + 24); // original length
  const dataEnd = offset + ENHANCED_PACKET_DATA_OFFSET + packetLength;
  const optionsStart = offset + ENHANCED_PACKET_DATA_OFFSET + pad4(packetLength);
  target.fill(0, dataEnd, optionsStart);
  if (comments.length > 0) writeOptions(target, optionsStart, comments.map((value) => ({ code: optionCode.comment, value })));
  target.writeUInt32LE(total, offset + total - 4);
  return offset + total;
}

function commentOption(text: string): BlockOption {
  return { code: optionCode.comment, value: Buffer.from(text, 'utf8') };
}

function block(type: number, body: Uint8Array, options: readonly BlockOption[]): Buffer {
  const total = 8 + body.byteLength + optionsLength(options.map((option) => option.value)) + 4;
  const bytes = Buffer.alloc(total);
  bytes.writeUInt32LE(type, 0);
  bytes.writeUInt32LE(total, 4);
  bytes.set(body, 8);
  writeOptions(bytes, 8 + body.byteLength, options);
  bytes.writeUInt32LE(total, total - 4);
  return bytes;
}

function optionsLength(values: readonly Uint8Array[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + 4 + pad4(value.byteLength), 4);
}

// Each option padded to 32 bits, then the end-of-options marker; nothing when there are none.
function writeOptions(target: Buffer, offset: number, options: readonly BlockOption[]): void {
  if (options.length === 0) return;
  let at = offset;
  for (const option of options) {
    target.writeUInt16LE(option.code, at);
    target.writeUInt16LE(option.value.byteLength, at + 2);
    target.set(option.value, at + 4);
    target.fill(0, at + 4 + option.value.byteLength, at + 4 + pad4(option.value.byteLength));
    at += 4 + pad4(option.value.byteLength);
  }
  target.writeUInt16LE(optionCode.endOfOptions, at);
  target.writeUInt16LE(0, at + 2);
}

function pad4(length: number): number {
  return (length + 3) & ~3;
}
