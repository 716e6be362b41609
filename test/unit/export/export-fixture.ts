import { PassThrough } from 'node:stream';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { exportCapture } from '../../../electron/engine/capture/export/export-capture.js';
import type { ExportFormat } from '../../../shared/contract/export-format.js';
import type { RedactionOptions } from '../../../electron/engine/capture/export/redaction-rules.js';
import { sampleFrame, sampleHeader } from '../capture/capture-fixtures.js';

const request = 'GET /chat?api_key=K3Y&room=1 HTTP/1.1\r\nHost: example.test:8080\r\nAuthorization: Basic dXNlcjpwYXNz\r\nX-Team-Secret: team-42\r\n\r\n';
const response = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSet-Cookie: id=abc123; HttpOnly\r\n\r\n';

/**
 * A small capture with a handshake carrying secrets, a masked text frame, a binary frame, a ping
 * and pong, a truncated frame and a close, plus wire chunks that add up to the bytes.
 */
export function fixtureLog(): CaptureLog {
  const log = new CaptureLog({ header: sampleHeader({ targetUrl: 'ws://user:pw@example.test:8080/chat?api_key=K3Y&room=1', redactions: [] }) });
  log.appendEvent({ atMicros: 0, name: 'tcp-connected', remote: '127.0.0.1:8080' });
  log.appendHandshake({
    atMicros: 400,
    request: {
      method: 'GET',
      target: '/chat?api_key=K3Y&room=1',
      httpVersion: '1.1',
      headers: [['Host', 'example.test:8080'], ['Authorization', 'Basic dXNlcjpwYXNz'], ['X-Team-Secret', 'team-42']],
      raw: Buffer.from(request, 'latin1').toString('base64'),
    },
    response: { httpVersion: '1.1', statusCode: 101, reason: 'Switching Protocols', headers: [['Upgrade', 'websocket'], ['Set-Cookie', 'id=abc123; HttpOnly']], raw: Buffer.from(response, 'latin1').toString('base64') },
    checks: [],
  });
  const frames = [
    [sampleFrame('hello password=hunter2', { masked: true, atMicros: 1000 }), 'out'],
    [sampleFrame(Uint8Array.of(0, 1, 2, 3), { opcode: 2, atMicros: 1500, messageId: 2 }), 'in'],
    [sampleFrame('hi', { opcode: 9, atMicros: 1600, messageId: 3 }), 'in'],
    [sampleFrame('hi', { opcode: 10, masked: true, atMicros: 1700, messageId: 4 }), 'out'],
    [{ ...sampleFrame('0123456789'), payload: new TextEncoder().encode('0123'), payloadTruncated: true, atMicros: 1800, messageId: 5 }, 'in'],
    [sampleFrame(Uint8Array.of(0x03, 0xe8, 0x62, 0x79, 0x65), { opcode: 8, atMicros: 2000, messageId: 6, closeCode: 1000, closeReason: 'bye' }), 'in'],
  ] as const;
  for (const [frame, direction] of frames) log.appendFrame(frame, direction);
  log.appendEvent({ atMicros: 2100, name: 'closed', by: 'server', how: 'close-frame', closeCode: 1000 });
  log.appendWireChunk('out', 400, request.length);
  log.appendWireChunk('in', 900, response.length);
  for (const [frame, direction] of frames) log.appendWireChunk(direction, frame.atMicros, frame.headerBytes.byteLength + frame.payloadLength);
  log.seal();
  return log;
}

/** The whole export of `capture` as bytes. */
export async function exportBytes(capture: CaptureLog, format: ExportFormat, redaction?: RedactionOptions): Promise<Buffer> {
  const stream = new PassThrough();
  const parts: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => parts.push(chunk));
  await exportCapture(capture, format, stream, redaction);
  stream.end();
  return Buffer.concat(parts);
}
