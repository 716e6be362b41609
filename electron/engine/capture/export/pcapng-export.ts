import type { Writable } from 'node:stream';
import type { WireChunkJson } from '../../../../shared/contract/capture.js';
import type { Direction } from '../../../../shared/protocol/frame-record.js';
import { fromBase64 } from '../byte-text.js';
import type { CaptureStream } from './capture-stream.js';
import { DirectionBytes, type TakenBytes } from './direction-bytes.js';
import { connectionStreams } from './leg-streams.js';
import { packetEndpoints, type PacketEndpoints } from './packet-endpoints.js';
import { enhancedPacketBlock, interfaceDescriptionBlock, LINKTYPE_ETHERNET, sectionHeaderBlock } from './pcapng-blocks.js';
import { StreamWriter } from './stream-writer.js';
import { buildTcpPacket, TcpFlag } from './tcp-segment.js';

// Below the IPv4 total-length limit with room for headers; a larger socket chunk becomes several packets with the same time.
const maxSegmentBytes = 65_000;
const flushBytes = 256 * 1024;
const clientIsn = 0x1000_0000;
const serverIsn = 0x2000_0000;

/**
 * Streams a capture as pcapng: Ethernet/IP/TCP synthesized around the exact bytes that crossed
 * the socket, one packet per recorded read or write at its recorded time (a SYN handshake before,
 * FINs after), sequence and acknowledgement numbers consistent. Bytes the capture did not keep
 * (payloads cut by the retention limit) are zero-filled and every such packet says so in a comment.
 */
export async function writePcapngExport(capture: CaptureStream, stream: Writable): Promise<void> {
  const header = capture.header;
  const connections = connectionStreams(capture).map((each) => ({ stream: each, ends: packetEndpoints(each.header) }));
  const writer = new BatchedWriter(new StreamWriter(stream));
  const intro = `Synthesized by Frameline from a WebSocket capture of ${header.targetUrl}: TCP/IP headers are made up, the TCP payload is the byte stream the application wrote and read.`;
  const relayNote = header.relay ? ['A relay capture: two TCP connections, the client\'s to the relay first, then the relay\'s to the server.'] : [];
  await writer.add(sectionHeaderBlock([intro, ...relayNote, ...new Set(connections.flatMap((connection) => connection.ends.notes))], 'Frameline'));
  await writer.add(interfaceDescriptionBlock(LINKTYPE_ETHERNET, 'frameline'));
  for (const connection of connections) await writeConnection(connection.stream, connection.ends, writer);
  await writer.flush();
  writer.finish();
}

/** One TCP connection: SYN, the bytes of each recorded chunk (or of each record), FINs. */
async function writeConnection(capture: CaptureStream, ends: PacketEndpoints, writer: BatchedWriter): Promise<void> {
  const connection = new SynthesizedConnection(ends, capture.header.created.epochMicros, writer);
  const streams = { out: new DirectionBytes(capture.records(), 'out'), in: new DirectionBytes(capture.records(), 'in') };
  const chunks = (await hasWireChunks(capture)) ? flatten(capture.wireChunks()) : chunksFromRecords(capture);
  let isOpen = false;
  let lastMicros = 0;
  for await (const [atMicros, direction, byteLength] of chunks) {
    if (!isOpen) {
      await connection.open(atMicros);
      isOpen = true;
    }
    lastMicros = atMicros;
    for (let left = byteLength; left > 0; left -= maxSegmentBytes) {
      const taken = await streams[direction].take(Math.min(left, maxSegmentBytes));
      await connection.data(direction, atMicros, taken.bytes, fillComments(taken));
    }
  }
  for (const direction of ['out', 'in'] as const) {
    const rest = await streams[direction].rest();
    if (rest.byteLength === 0) continue;
    if (!isOpen) {
      await connection.open(lastMicros);
      isOpen = true;
    }
    for (let from = 0; from < rest.byteLength; from += maxSegmentBytes) {
      await connection.data(direction, lastMicros, rest.subarray(from, from + maxSegmentBytes), [
        'Frameline: bytes the records hold after the last recorded socket read or write; placed here at the time of the last one.',
      ]);
    }
  }
  if (isOpen) await connection.close(lastMicros);
}

function fillComments(taken: TakenBytes): string[] {
  const comments: string[] = [];
  if (taken.zeroFilledBytes > 0) {
    comments.push(`Frameline: ${taken.zeroFilledBytes} payload bytes of frame seq ${taken.truncatedFrames.join(', ')} were not retained (retention limit); they are written as zero bytes.`);
  }
  if (taken.unrecordedBytes > 0) comments.push(`Frameline: ${taken.unrecordedBytes} bytes crossed the socket here that no record holds; they are written as zero bytes.`);
  return comments;
}

async function hasWireChunks(capture: CaptureStream): Promise<boolean> {
  for await (const slice of capture.wireChunks()) if (slice.length > 0) return true;
  return false;
}

async function* flatten(slices: AsyncIterable<WireChunkJson[]>): AsyncGenerator<WireChunkJson> {
  for await (const slice of slices) yield* slice;
}

// A capture without socket chunks (an imported HAR): one packet per handshake half and per frame, at the record's time.
async function* chunksFromRecords(capture: CaptureStream): AsyncGenerator<WireChunkJson> {
  for await (const slice of capture.records()) {
    for (const record of slice) {
      if (record.kind === 'handshake') {
        yield [record.atMicros, 'out', fromBase64(record.request.raw).byteLength];
        if (record.response) yield [record.atMicros, 'in', fromBase64(record.response.raw).byteLength];
      } else if (record.kind === 'frame') {
        yield [record.atMicros, record.direction, fromBase64(record.headerBytes).byteLength + fromBase64(record.payload).byteLength];
      }
    }
  }
}

/** The TCP state of the synthesized connection: next sequence number of each side. */
class SynthesizedConnection {
  private readonly next = { out: clientIsn, in: serverIsn };

  constructor(
    private readonly ends: PacketEndpoints,
    private readonly epochMicros: number,
    private readonly writer: BatchedWriter,
  ) {}

  async open(atMicros: number): Promise<void> {
    await this.segment('out', atMicros, TcpFlag.syn, new Uint8Array(0), [], 0);
    this.next.out += 1;
    await this.segment('in', atMicros, TcpFlag.syn | TcpFlag.ack, new Uint8Array(0), []);
    this.next.in += 1;
    await this.segment('out', atMicros, TcpFlag.ack, new Uint8Array(0), this.ends.notes);
  }

  async data(direction: Direction, atMicros: number, payload: Uint8Array, comments: string[]): Promise<void> {
    await this.segment(direction, atMicros, TcpFlag.psh | TcpFlag.ack, payload, comments);
    this.next[direction] = (this.next[direction] + payload.byteLength) >>> 0;
  }

  async close(atMicros: number): Promise<void> {
    await this.segment('out', atMicros, TcpFlag.fin | TcpFlag.ack, new Uint8Array(0), []);
    this.next.out = (this.next.out + 1) >>> 0;
    await this.segment('in', atMicros, TcpFlag.fin | TcpFlag.ack, new Uint8Array(0), []);
    this.next.in = (this.next.in + 1) >>> 0;
    await this.segment('out', atMicros, TcpFlag.ack, new Uint8Array(0), []);
  }

  private async segment(direction: Direction, atMicros: number, flags: number, payload: Uint8Array, comments: string[], ack?: number): Promise<void> {
    const isOut = direction === 'out';
    const packet = buildTcpPacket({
      from: isOut ? this.ends.client : this.ends.server,
      to: isOut ? this.ends.server : this.ends.client,
      sequenceNumber: this.next[direction],
      acknowledgementNumber: ack ?? this.next[isOut ? 'in' : 'out'],
      flags,
      payload,
    });
    await this.writer.add(enhancedPacketBlock(this.epochMicros + atMicros, packet, comments));
  }
}

/** Gathers blocks into writes of a few hundred KiB. */
class BatchedWriter {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly writer: StreamWriter) {}

  async add(block: Buffer): Promise<void> {
    this.parts.push(block);
    this.size += block.byteLength;
    if (this.size >= flushBytes) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length > 0) await this.writer.write(Buffer.concat(this.parts));
    this.parts = [];
    this.size = 0;
  }

  finish(): void {
    this.writer.finish();
  }
}
