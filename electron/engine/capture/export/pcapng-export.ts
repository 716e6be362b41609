import type { Writable } from 'node:stream';
import type { WireChunkJson } from '../../../../shared/contract/capture.js';
import { fromBase64 } from '../byte-text.js';
import type { CaptureStream } from './capture-stream.js';
import { DirectionBytes } from './direction-bytes.js';
import { connectionStreams } from './leg-streams.js';
import { packetEndpoints, type PacketEndpoints } from './packet-endpoints.js';
import { interfaceDescriptionBlock, LINKTYPE_ETHERNET, sectionHeaderBlock } from './pcapng-blocks.js';
import { StreamWriter } from './stream-writer.js';
import { SynthesizedConnection } from './synthesized-connection.js';

// The largest TCP payload of a 1500-byte Ethernet MTU (RFC 879; IPv6 has 20 more header bytes).
const ipv4Mss = 1460;
const ipv6Mss = 1440;

/**
 * Streams a capture as pcapng: Ethernet/IP/TCP synthesized around the exact bytes that crossed
 * the socket, along the recorded reads and writes at their recorded times (a SYN handshake before,
 * FINs after), sequence and acknowledgement numbers consistent. Each packet holds bytes of at most
 * one WebSocket frame and at most one MSS, as a real sender's segments would, so Wireshark and
 * tshark dissect every frame with their default settings. Bytes the capture did not keep (payloads
 * cut by the retention limit) are zero-filled and every such packet says so in a comment.
 */
export async function writePcapngExport(capture: CaptureStream, stream: Writable): Promise<void> {
  const header = capture.header;
  const connections = connectionStreams(capture).map((each) => ({ stream: each, ends: packetEndpoints(each.header) }));
  const writer = new StreamWriter(stream);
  const intro = `Synthesized by Frameline from a WebSocket capture of ${header.targetUrl}: TCP/IP headers are made up, the TCP payload is the byte stream the application wrote and read.`;
  const relayNote = header.relay ? ['A relay capture: two TCP connections, the client\'s to the relay first, then the relay\'s to the server.'] : [];
  const notes = [intro, ...relayNote, ...new Set(connections.flatMap((connection) => connection.ends.notes))];
  await writer.write(Buffer.concat([sectionHeaderBlock(notes, 'Frameline'), interfaceDescriptionBlock(LINKTYPE_ETHERNET, 'frameline')]));
  for (const connection of connections) await writeConnection(connection.stream, connection.ends, writer);
  writer.finish();
}

/** One TCP connection: SYN, the bytes of each recorded chunk (or of each record), FINs. */
async function writeConnection(capture: CaptureStream, ends: PacketEndpoints, writer: StreamWriter): Promise<void> {
  const mss = ends.client.address.byteLength === 16 ? ipv6Mss : ipv4Mss;
  const connection = new SynthesizedConnection(ends, capture.header.created.epochMicros, writer);
  const streams = { out: new DirectionBytes(capture.records('out'), 'out'), in: new DirectionBytes(capture.records('in'), 'in') };
  const chunks = (await hasWireChunks(capture)) ? capture.wireChunks() : chunksFromRecords(capture);
  let isOpen = false;
  let lastMicros = 0;
  for await (const slice of chunks) for (const [atMicros, direction, byteLength] of slice) {
    if (!isOpen) {
      connection.open(atMicros);
      isOpen = true;
    }
    lastMicros = atMicros;
    const bytes = streams[direction];
    for (let left = byteLength; left > 0; ) {
      if (bytes.needsRecords) await bytes.loadMore();
      const segment = bytes.take(Math.min(left, mss));
      connection.data(direction, atMicros, segment);
      left -= segment.byteLength;
      if (connection.isFull) await connection.flush();
    }
  }
  for (const direction of ['out', 'in'] as const) {
    for (let segment = await streams[direction].takeKnown(mss); segment !== null; segment = await streams[direction].takeKnown(mss)) {
      if (!isOpen) {
        connection.open(lastMicros);
        isOpen = true;
      }
      connection.data(direction, lastMicros, segment, ['Frameline: bytes the records hold after the last recorded socket read or write; placed here at the time of the last one.']);
      if (connection.isFull) await connection.flush();
    }
  }
  if (isOpen) connection.close(lastMicros);
  await connection.flush();
}

async function hasWireChunks(capture: CaptureStream): Promise<boolean> {
  for await (const slice of capture.wireChunks()) if (slice.length > 0) return true;
  return false;
}

// A capture without socket chunks (an imported HAR): one packet per handshake half and per frame, at the record's time.
async function* chunksFromRecords(capture: CaptureStream): AsyncGenerator<WireChunkJson[]> {
  for await (const slice of capture.records()) {
    const chunks: WireChunkJson[] = [];
    for (const record of slice) {
      if (record.kind === 'handshake') {
        chunks.push([record.atMicros, 'out', fromBase64(record.request.raw).byteLength]);
        if (record.response) chunks.push([record.atMicros, 'in', fromBase64(record.response.raw).byteLength]);
      } else if (record.kind === 'frame') {
        chunks.push([record.atMicros, record.direction, record.headerBytes.byteLength + record.payload.byteLength]);
      }
    }
    yield chunks;
  }
}
