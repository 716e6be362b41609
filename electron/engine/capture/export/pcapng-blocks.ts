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

/** One packet on interface 0 at `epochMicros`, optionally with comments. */
export function enhancedPacketBlock(epochMicros: number, packet: Uint8Array, comments: readonly string[] = []): Buffer {
  const padded = pad4(packet.byteLength);
  const body = Buffer.alloc(20 + padded);
  body.writeUInt32LE(0, 0); // interface id
  body.writeUInt32LE(Math.floor(epochMicros / 2 ** 32), 4);
  body.writeUInt32LE(epochMicros % 2 ** 32, 8);
  body.writeUInt32LE(packet.byteLength, 12); // captured length
  body.writeUInt32LE(packet.byteLength, 16); // original length
  body.set(packet, 20);
  return block(blockType.enhancedPacket, body, comments.map(commentOption));
}

function commentOption(text: string): BlockOption {
  return { code: optionCode.comment, value: Buffer.from(text, 'utf8') };
}

function block(type: number, body: Uint8Array, options: readonly BlockOption[]): Buffer {
  const optionBytes = options.length === 0 ? 0 : options.reduce((sum, option) => sum + 4 + pad4(option.value.byteLength), 4);
  const total = 8 + body.byteLength + optionBytes + 4;
  const bytes = Buffer.alloc(total);
  bytes.writeUInt32LE(type, 0);
  bytes.writeUInt32LE(total, 4);
  bytes.set(body, 8);
  let at = 8 + body.byteLength;
  for (const option of options) {
    bytes.writeUInt16LE(option.code, at);
    bytes.writeUInt16LE(option.value.byteLength, at + 2);
    bytes.set(option.value, at + 4);
    at += 4 + pad4(option.value.byteLength);
  }
  if (options.length > 0) {
    bytes.writeUInt16LE(optionCode.endOfOptions, at);
    bytes.writeUInt16LE(0, at + 2);
  }
  bytes.writeUInt32LE(total, total - 4);
  return bytes;
}

function pad4(length: number): number {
  return (length + 3) & ~3;
}
