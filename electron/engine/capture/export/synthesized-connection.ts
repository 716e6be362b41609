import type { Direction } from '../../../../shared/protocol/frame-record.js';
import type { Segment } from './direction-bytes.js';
import type { PacketEndpoints } from './packet-endpoints.js';
import { ENHANCED_PACKET_DATA_OFFSET, enhancedPacketBlockLength, writeEnhancedPacketBlock } from './pcapng-blocks.js';
import type { StreamWriter } from './stream-writer.js';
import { TcpFlag, TcpHeaderTemplate, tcpPayloadOffset } from './tcp-segment.js';

const clientIsn = 0x1000_0000;
const serverIsn = 0x2000_0000;
const outputBytes = 1024 * 1024;
const noComments: readonly Uint8Array[] = [];
const noNotes: readonly string[] = [];

/**
 * The synthesized TCP connection of a pcapng export: the next sequence number of each side, and
 * the output buffer its packets are written into in place (Enhanced Packet Block, Ethernet, IP,
 * TCP, payload), a few hundred KiB per write to the file.
 */
export class SynthesizedConnection {
  private readonly next = { out: clientIsn, in: serverIsn };
  private readonly payloadOffset: number;
  private readonly headers: { readonly out: TcpHeaderTemplate; readonly in: TcpHeaderTemplate };
  private buffer = Buffer.allocUnsafe(outputBytes);
  private used = 0;

  constructor(
    private readonly ends: PacketEndpoints,
    private readonly epochMicros: number,
    private readonly writer: StreamWriter,
  ) {
    this.payloadOffset = tcpPayloadOffset(ends.client.address.byteLength === 16);
    this.headers = { out: new TcpHeaderTemplate(ends.client, ends.server), in: new TcpHeaderTemplate(ends.server, ends.client) };
  }

  /** True when the buffer should be written out before more packets are added. */
  get isFull(): boolean {
    return this.used >= outputBytes / 2;
  }

  /** SYN, SYN-ACK, ACK at `atMicros`; the ACK carries the notes about addresses and ports. */
  open(atMicros: number): void {
    this.packet('out', atMicros, TcpFlag.syn, null, noComments, 0);
    this.next.out += 1;
    this.packet('in', atMicros, TcpFlag.syn | TcpFlag.ack, null, noComments);
    this.next.in += 1;
    this.packet('out', atMicros, TcpFlag.ack, null, this.ends.notes.map(utf8));
  }

  /** One data segment from `direction`, with comments about bytes that had to be zero-filled. */
  data(direction: Direction, atMicros: number, segment: Segment, comments: readonly string[] = noteZeroBytes(segment)): void {
    this.packet(direction, atMicros, TcpFlag.psh | TcpFlag.ack, segment, comments.length === 0 ? noComments : comments.map(utf8));
    this.next[direction] = (this.next[direction] + segment.byteLength) >>> 0;
  }

  /** FIN/ACK from each side, then the last ACK. */
  close(atMicros: number): void {
    this.packet('out', atMicros, TcpFlag.fin | TcpFlag.ack, null, noComments);
    this.next.out = (this.next.out + 1) >>> 0;
    this.packet('in', atMicros, TcpFlag.fin | TcpFlag.ack, null, noComments);
    this.next.in = (this.next.in + 1) >>> 0;
    this.packet('out', atMicros, TcpFlag.ack, null, noComments);
  }

  /** Hands what is buffered to the writer. */
  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.buffer.subarray(0, this.used);
    // The stream may keep the chunk until written, so the next packets go to a fresh buffer.
    this.buffer = Buffer.allocUnsafe(outputBytes);
    this.used = 0;
    await this.writer.write(full);
  }

  private packet(direction: Direction, atMicros: number, flags: number, segment: Segment | null, comments: readonly Uint8Array[], ack?: number): void {
    const payloadLength = segment?.byteLength ?? 0;
    const packetLength = this.payloadOffset + payloadLength;
    const blockLength = enhancedPacketBlockLength(packetLength, comments);
    // Segments are at most one MSS and callers flush once half the buffer is used, so a block always fits.
    if (this.used + blockLength > this.buffer.byteLength) throw new Error(`a pcapng block of ${blockLength} bytes does not fit the output buffer`);
    const at = this.used;
    const packetAt = at + ENHANCED_PACKET_DATA_OFFSET;
    let payloadAt = packetAt + this.payloadOffset;
    if (segment !== null) {
      for (const part of segment.parts) {
        this.buffer.set(part, payloadAt);
        payloadAt += part.byteLength;
      }
      this.buffer.fill(0, payloadAt, payloadAt + segment.zeroBytes);
    }
    const acknowledgement = ack ?? this.next[direction === 'out' ? 'in' : 'out'];
    this.headers[direction].write(this.buffer, packetAt, this.next[direction], acknowledgement, flags, payloadLength);
    this.used = writeEnhancedPacketBlock(this.buffer, at, this.epochMicros + atMicros, packetLength, comments);
  }
}

function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

// What a reader of the packet must know about its zero bytes.
function noteZeroBytes(segment: Segment): readonly string[] {
  if (segment.zeroBytes === 0) return noNotes;
  if (segment.source === 'unrecorded') return [`Frameline: ${segment.zeroBytes} bytes crossed the socket here that no record holds; they are written as zero bytes.`];
  return [`Frameline: ${segment.zeroBytes} payload bytes of frame seq ${segment.seq} were not retained (retention limit); they are written as zero bytes.`];
}
