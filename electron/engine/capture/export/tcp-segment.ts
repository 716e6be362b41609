/**
 * Synthesized Ethernet II + IPv4 or IPv6 + TCP headers around a payload, with correct IPv4 header
 * and TCP checksums (RFC 791, RFC 793 / RFC 8200 §8.1 pseudo-headers), for the pcapng export.
 * Written in place into the export's output buffer: the caller puts the payload where
 * `tcpPayloadOffset` says, then `writeTcpHeaders` fills in everything before it.
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
 * Writes the Ethernet, IP and TCP headers of `segment` at `offset` in `packet`, whose TCP payload
 * of `payloadLength` bytes is already in place after them, and both checksums.
 */
export function writeTcpHeaders(packet: Buffer, offset: number, segment: TcpSegment, payloadLength: number): void {
  const isIpv6 = segment.from.address.byteLength === 16;
  const ipBytes = isIpv6 ? 40 : 20;
  const tcpLength = tcpBytes + payloadLength;
  packet.set(segment.to.mac, offset);
  packet.set(segment.from.mac, offset + 6);
  packet.writeUInt16BE(isIpv6 ? 0x86dd : 0x0800, offset + 12);
  const ip = offset + ethernetBytes;
  packet.fill(0, ip, ip + ipBytes + tcpBytes);
  if (isIpv6) writeIpv6Header(packet, ip, segment, tcpLength);
  else writeIpv4Header(packet, ip, segment, tcpLength);
  const tcp = ip + ipBytes;
  packet.writeUInt16BE(segment.from.port, tcp);
  packet.writeUInt16BE(segment.to.port, tcp + 2);
  packet.writeUInt32BE(segment.sequenceNumber >>> 0, tcp + 4);
  packet.writeUInt32BE(segment.acknowledgementNumber >>> 0, tcp + 8);
  packet[tcp + 12] = (tcpBytes / 4) << 4;
  packet[tcp + 13] = segment.flags;
  packet.writeUInt16BE(windowSize, tcp + 14);
  let sum = sumWords(segment.from.address, 0, segment.from.address.byteLength, 0);
  sum = sumWords(segment.to.address, 0, segment.to.address.byteLength, sum);
  sum += 6 + tcpLength; // zero, protocol, TCP length (the IPv6 form sums the same)
  packet.writeUInt16BE(finishChecksum(sumWords(packet, tcp, tcp + tcpLength, sum)), tcp + 16);
}

function writeIpv4Header(packet: Buffer, ip: number, segment: TcpSegment, tcpLength: number): void {
  packet[ip] = 0x45;
  packet.writeUInt16BE(20 + tcpLength, ip + 2);
  packet.writeUInt16BE(0x4000, ip + 6); // don't fragment
  packet[ip + 8] = 64; // TTL
  packet[ip + 9] = 6; // TCP
  packet.set(segment.from.address, ip + 12);
  packet.set(segment.to.address, ip + 16);
  packet.writeUInt16BE(finishChecksum(sumWords(packet, ip, ip + 20, 0)), ip + 10);
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
