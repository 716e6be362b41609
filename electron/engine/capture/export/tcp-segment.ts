/**
 * Synthesized Ethernet II + IPv4 or IPv6 + TCP headers around a payload, with correct IPv4 header
 * and TCP checksums (RFC 791, RFC 793 / RFC 8200 §8.1 pseudo-headers), for the pcapng export.
 * Written in place into the export's output buffer: the caller puts the payload where
 * `tcpPayloadOffset` says, then a `TcpHeaderTemplate` fills in everything before it.
 */

/** One end of the synthesized connection. */
export interface TcpEndpoint {
  /** 4 bytes for IPv4, 16 for IPv6. */
  readonly address: Uint8Array;
  readonly port: number;
  /** 6 bytes. */
  readonly mac: Uint8Array;
}

/** TCP flag bits (RFC 793 §3.1). */
export const TcpFlag = { fin: 0x01, syn: 0x02, psh: 0x08, ack: 0x10 } as const;

/** The headers of one segment. */
export interface TcpSegment {
  readonly from: TcpEndpoint;
  readonly to: TcpEndpoint;
  readonly sequenceNumber: number;
  readonly acknowledgementNumber: number;
  readonly flags: number;
}

const ethernetBytes = 14;
const tcpBytes = 20;
const windowSize = 65535;

/** Bytes before the TCP payload: Ethernet, IP and TCP headers. */
export function tcpPayloadOffset(isIpv6: boolean): number {
  return ethernetBytes + (isIpv6 ? 40 : 20) + tcpBytes;
}

/**
 * The Ethernet, IP and TCP headers of one direction of the connection, made once: each packet
 * copies them and fills in only what changes (lengths, sequence and acknowledgement numbers,
 * flags, checksums), with the checksums' fixed part summed once too. A pcapng export writes one
 * packet per frame, so this is its hot path.
 */
export class TcpHeaderTemplate {
  private readonly bytes: Buffer;
  private readonly isIpv6: boolean;
  private readonly ipSum: number;
  private readonly tcpSum: number;

  constructor(from: TcpEndpoint, to: TcpEndpoint) {
    this.isIpv6 = from.address.byteLength === 16;
    this.bytes = Buffer.alloc(tcpPayloadOffset(this.isIpv6));
    // Lengths, numbers, flags and checksums are zero here, so the sums below hold only the fixed fields.
    writeTcpHeaders(this.bytes, 0, { from, to, sequenceNumber: 0, acknowledgementNumber: 0, flags: 0 }, 0, false);
    const ip = ethernetBytes;
    const ipBytes = this.isIpv6 ? 40 : 20;
    this.ipSum = this.isIpv6 ? 0 : sumWords(this.bytes, ip, ip + 20, 0);
    let sum = sumWords(from.address, 0, from.address.byteLength, 0);
    sum = sumWords(to.address, 0, to.address.byteLength, sum);
    this.tcpSum = sumWords(this.bytes, ip + ipBytes, ip + ipBytes + tcpBytes, sum + 6);
  }

  /** Writes the headers at `offset` in `packet`, whose TCP payload of `payloadLength` bytes is already in place after them. */
  write(packet: Buffer, offset: number, sequenceNumber: number, acknowledgementNumber: number, flags: number, payloadLength: number): void {
    this.bytes.copy(packet, offset);
    const ip = offset + ethernetBytes;
    const tcp = ip + (this.isIpv6 ? 40 : 20);
    const tcpLength = tcpBytes + payloadLength;
    if (this.isIpv6) writeUint16(packet, ip + 4, tcpLength);
    else {
      writeUint16(packet, ip + 2, 20 + tcpLength);
      writeUint16(packet, ip + 10, finishChecksum(this.ipSum + 20 + tcpLength));
    }
    const sequence = sequenceNumber >>> 0;
    const acknowledgement = acknowledgementNumber >>> 0;
    writeUint16(packet, tcp + 4, sequence >>> 16);
    writeUint16(packet, tcp + 6, sequence & 0xffff);
    writeUint16(packet, tcp + 8, acknowledgement >>> 16);
    writeUint16(packet, tcp + 10, acknowledgement & 0xffff);
    packet[tcp + 13] = flags;
    const sum = this.tcpSum + tcpLength + (sequence >>> 16) + (sequence & 0xffff) + (acknowledgement >>> 16) + (acknowledgement & 0xffff) + flags;
    writeUint16(packet, tcp + 16, finishChecksum(sumWords(packet, tcp + tcpBytes, tcp + tcpLength, sum)));
  }
}

/**
 * Writes the Ethernet, IP and TCP headers of `segment` at `offset` in `packet`, whose TCP payload
 * of `payloadLength` bytes is already in place after them, and (unless `withChecksums` is false)
 * both checksums.
 */
export function writeTcpHeaders(packet: Buffer, offset: number, segment: TcpSegment, payloadLength: number, withChecksums = true): void {
  const isIpv6 = segment.from.address.byteLength === 16;
  const ipBytes = isIpv6 ? 40 : 20;
  const tcpLength = tcpBytes + payloadLength;
  packet.set(segment.to.mac, offset);
  packet.set(segment.from.mac, offset + 6);
  packet.writeUInt16BE(isIpv6 ? 0x86dd : 0x0800, offset + 12);
  const ip = offset + ethernetBytes;
  packet.fill(0, ip, ip + ipBytes + tcpBytes);
  if (isIpv6) writeIpv6Header(packet, ip, segment, withChecksums ? tcpLength : 0);
  else writeIpv4Header(packet, ip, segment, withChecksums ? tcpLength : -20, withChecksums);
  const tcp = ip + ipBytes;
  packet.writeUInt16BE(segment.from.port, tcp);
  packet.writeUInt16BE(segment.to.port, tcp + 2);
  packet.writeUInt32BE(segment.sequenceNumber >>> 0, tcp + 4);
  packet.writeUInt32BE(segment.acknowledgementNumber >>> 0, tcp + 8);
  packet[tcp + 12] = (tcpBytes / 4) << 4;
  packet[tcp + 13] = segment.flags;
  packet.writeUInt16BE(windowSize, tcp + 14);
  if (!withChecksums) return;
  let sum = sumWords(segment.from.address, 0, segment.from.address.byteLength, 0);
  sum = sumWords(segment.to.address, 0, segment.to.address.byteLength, sum);
  sum += 6 + tcpLength; // zero, protocol, TCP length (the IPv6 form sums the same)
  packet.writeUInt16BE(finishChecksum(sumWords(packet, tcp, tcp + tcpLength, sum)), tcp + 16);
}

function writeUint16(packet: Buffer, at: number, value: number): void {
  packet[at] = value >>> 8;
  packet[at + 1] = value & 0xff;
}

function writeIpv4Header(packet: Buffer, ip: number, segment: TcpSegment, tcpLength: number, withChecksum: boolean): void {
  packet[ip] = 0x45;
  packet.writeUInt16BE(20 + tcpLength, ip + 2);
  packet.writeUInt16BE(0x4000, ip + 6); // don't fragment
  packet[ip + 8] = 64; // TTL
  packet[ip + 9] = 6; // TCP
  packet.set(segment.from.address, ip + 12);
  packet.set(segment.to.address, ip + 16);
  if (withChecksum) packet.writeUInt16BE(finishChecksum(sumWords(packet, ip, ip + 20, 0)), ip + 10);
}

function writeIpv6Header(packet: Buffer, ip: number, segment: TcpSegment, tcpLength: number): void {
  packet.writeUInt32BE(0x60000000, ip);
  packet.writeUInt16BE(tcpLength, ip + 4);
  packet[ip + 6] = 6; // next header: TCP
  packet[ip + 7] = 64; // hop limit
  packet.set(segment.from.address, ip + 8);
  packet.set(segment.to.address, ip + 24);
}

// The 16-bit ones' complement sum (RFC 1071) of bytes [from, to), an odd final byte padded with zero.
function sumWords(bytes: Uint8Array, from: number, to: number, initial: number): number {
  let sum = initial;
  const even = from + ((to - from) & ~1);
  for (let index = from; index < even; index += 2) sum += ((bytes[index] as number) << 8) | (bytes[index + 1] as number);
  if (even < to) sum += (bytes[even] as number) << 8;
  return sum;
}

function finishChecksum(sum: number): number {
  let folded = sum;
  while (folded > 0xffff) folded = (folded & 0xffff) + Math.floor(folded / 0x10000);
  return ~folded & 0xffff;
}
