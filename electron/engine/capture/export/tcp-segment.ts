/**
 * Synthesized Ethernet II + IPv4 or IPv6 + TCP around a payload, with correct IPv4 header and TCP
 * checksums (RFC 791, RFC 793 / RFC 8200 §8.1 pseudo-headers), for the pcapng export.
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

/** One segment to build. */
export interface TcpSegment {
  readonly from: TcpEndpoint;
  readonly to: TcpEndpoint;
  readonly sequenceNumber: number;
  readonly acknowledgementNumber: number;
  readonly flags: number;
  readonly payload: Uint8Array;
}

const ethernetBytes = 14;
const tcpBytes = 20;
const windowSize = 65535;

/** The whole Ethernet frame for `segment`. */
export function buildTcpPacket(segment: TcpSegment): Buffer {
  const isIpv6 = segment.from.address.byteLength === 16;
  const ipBytes = isIpv6 ? 40 : 20;
  const tcpLength = tcpBytes + segment.payload.byteLength;
  const packet = Buffer.alloc(ethernetBytes + ipBytes + tcpLength);
  packet.set(segment.to.mac, 0);
  packet.set(segment.from.mac, 6);
  packet.writeUInt16BE(isIpv6 ? 0x86dd : 0x0800, 12);
  const ip = packet.subarray(ethernetBytes, ethernetBytes + ipBytes);
  if (isIpv6) writeIpv6Header(ip, segment, tcpLength);
  else writeIpv4Header(ip, segment, tcpLength);
  const tcp = packet.subarray(ethernetBytes + ipBytes);
  tcp.writeUInt16BE(segment.from.port, 0);
  tcp.writeUInt16BE(segment.to.port, 2);
  tcp.writeUInt32BE(segment.sequenceNumber >>> 0, 4);
  tcp.writeUInt32BE(segment.acknowledgementNumber >>> 0, 8);
  tcp[12] = (tcpBytes / 4) << 4;
  tcp[13] = segment.flags;
  tcp.writeUInt16BE(windowSize, 14);
  tcp.set(segment.payload, tcpBytes);
  tcp.writeUInt16BE(tcpChecksum(segment, tcp), 16);
  return packet;
}

function writeIpv4Header(ip: Buffer, segment: TcpSegment, tcpLength: number): void {
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + tcpLength, 2);
  ip.writeUInt16BE(0x4000, 6); // don't fragment
  ip[8] = 64; // TTL
  ip[9] = 6; // TCP
  ip.set(segment.from.address, 12);
  ip.set(segment.to.address, 16);
  ip.writeUInt16BE(finishChecksum(sumWords(ip, 0)), 10);
}

function writeIpv6Header(ip: Buffer, segment: TcpSegment, tcpLength: number): void {
  ip.writeUInt32BE(0x60000000, 0);
  ip.writeUInt16BE(tcpLength, 4);
  ip[6] = 6; // next header: TCP
  ip[7] = 64; // hop limit
  ip.set(segment.from.address, 8);
  ip.set(segment.to.address, 24);
}

function tcpChecksum(segment: TcpSegment, tcp: Uint8Array): number {
  let sum = sumWords(segment.from.address, 0);
  sum = sumWords(segment.to.address, sum);
  sum += 6 + tcp.byteLength; // zero, protocol, TCP length (the IPv6 form sums the same)
  return finishChecksum(sumWords(tcp, sum));
}

// The 16-bit ones' complement sum (RFC 1071), an odd final byte padded with zero.
function sumWords(bytes: Uint8Array, initial: number): number {
  let sum = initial;
  const even = bytes.byteLength & ~1;
  for (let index = 0; index < even; index += 2) sum += ((bytes[index] as number) << 8) | (bytes[index + 1] as number);
  if (even < bytes.byteLength) sum += (bytes[even] as number) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

function finishChecksum(sum: number): number {
  let folded = sum;
  while (folded > 0xffff) folded = (folded & 0xffff) + (folded >>> 16);
  return ~folded & 0xffff;
}
