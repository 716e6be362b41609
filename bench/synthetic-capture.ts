import { CaptureLog } from '../electron/engine/capture/capture-log.js';
import type { FrameRecord } from '../shared/protocol/frame-record.js';

/** The flood's message size: a 64-byte JSON text payload, 66 bytes on the wire. */
export const floodPayloadBytes = 64;

const wireChunkBytes = 64 * 1024;
const request = 'GET /feed HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
const response = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n';

/** The `index`-th flood message: `{"seq":…,"price":…}` padded with spaces to 64 bytes. */
export function floodMessage(index: number): Uint8Array {
  const body = `{"seq":${index},"symbol":"FRML","price":${(100 + (index % 997) / 10).toFixed(1)}}`;
  return new TextEncoder().encode(body.padEnd(floodPayloadBytes, ' '));
}

/** A server text frame as the decoder records it, with its 2 header bytes. */
export function floodFrame(index: number, atMicros: number): FrameRecord {
  const payload = floodMessage(index);
  return {
    kind: 'frame', atMicros, fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: 1, masked: false, maskingKey: null,
    payloadLength: payload.byteLength, headerBytes: Uint8Array.of(0x81, payload.byteLength), payload, payloadTruncated: false,
    messageId: index + 1, fragment: 'whole', violations: [],
  };
}

/**
 * A session as a flood would leave it: connected, upgraded, `frames` server text frames of 64
 * bytes read in 64 KiB socket chunks (one wire chunk each), then a close both ways.
 */
export function floodCapture(frames: number): CaptureLog {
  const log = new CaptureLog({
    header: {
      created: { iso: '2025-03-01T12:00:00.000Z', epochMicros: 1_740_830_400_000_000 },
      targetUrl: 'ws://127.0.0.1:8080/feed',
      options: { proxies: [], connectTo: null, tls: null },
      endpoints: { local: { address: '127.0.0.1', port: 50000 }, remote: { address: '127.0.0.1', port: 8080 } },
      tls: null,
      handshake: null,
      extensions: [],
      subprotocol: null,
      redactions: [],
    },
  });
  log.appendEvent({ atMicros: 0, name: 'tcp-connected', remote: '127.0.0.1:8080' });
  log.appendWireChunk('out', 100, request.length);
  log.appendWireChunk('in', 300, response.length);
  log.appendHandshake({
    atMicros: 300,
    request: { method: 'GET', target: '/feed', httpVersion: '1.1', headers: [['Host', '127.0.0.1:8080'], ['Upgrade', 'websocket']], raw: Buffer.from(request, 'latin1').toString('base64') },
    response: { httpVersion: '1.1', statusCode: 101, reason: 'Switching Protocols', headers: [['Upgrade', 'websocket']], raw: Buffer.from(response, 'latin1').toString('base64') },
    checks: [],
  });
  const frameBytes = 2 + floodPayloadBytes;
  let streamBytes = 0;
  let chunkedBytes = 0;
  let atMicros = 1000;
  for (let index = 0; index < frames; index += 1) {
    log.appendFrame(floodFrame(index, atMicros), 'in');
    streamBytes += frameBytes;
    // Socket reads of 64 KiB each, cutting frames where they fall.
    while (streamBytes - chunkedBytes >= wireChunkBytes) {
      log.appendWireChunk('in', atMicros, wireChunkBytes);
      chunkedBytes += wireChunkBytes;
      atMicros += 20;
    }
  }
  if (streamBytes > chunkedBytes) log.appendWireChunk('in', atMicros, streamBytes - chunkedBytes);
  const close = Uint8Array.of(0x03, 0xe8);
  const closeFrame = (direction: 'in' | 'out', masked: boolean): FrameRecord => ({
    ...floodFrame(0, atMicros + 50), opcode: 8, masked, maskingKey: masked ? Uint8Array.of(1, 2, 3, 4) : null, payloadLength: 2,
    headerBytes: masked ? Uint8Array.of(0x88, 0x82, 1, 2, 3, 4) : Uint8Array.of(0x88, 0x02), payload: close, messageId: frames + 1, closeCode: 1000,
  });
  log.appendFrame(closeFrame('in', false), 'in');
  log.appendWireChunk('in', atMicros + 50, 4);
  log.appendFrame(closeFrame('out', true), 'out');
  log.appendWireChunk('out', atMicros + 60, 8);
  log.appendEvent({ atMicros: atMicros + 70, name: 'closed', by: 'server', how: 'close-frame', closeCode: 1000 });
  log.seal();
  return log;
}
