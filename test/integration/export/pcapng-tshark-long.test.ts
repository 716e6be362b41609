import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { exportCaptureFile } from '../../../electron/engine/capture/export/export-capture.js';
import { noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import type { FrameRecord } from '../../../shared/protocol/frame-record.js';
import { requirePeer } from '../../harness/require-peer.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { sampleFrame, sampleHeader } from '../../unit/capture/capture-fixtures.js';

const tshark = requirePeer('tshark');
const run = promisify(execFile);
const frameCount = 100_000;
const chunkBytes = 64 * 1024;

const request = 'GET /feed HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
const response = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n';

// A long session as a flood leaves it: the Upgrade, then 100,000 server text frames read in 64 KiB
// socket chunks (frames cut across chunks), with a masked client message every 1,000 frames.
function longCapture(): CaptureLog {
  const log = new CaptureLog({ header: sampleHeader({ options: { proxies: [], connectTo: null, tls: null } }) });
  log.appendWireChunk('out', 100, request.length);
  log.appendWireChunk('in', 300, response.length);
  log.appendHandshake({
    atMicros: 300,
    request: { method: 'GET', target: '/feed', httpVersion: '1.1', headers: [['Host', '127.0.0.1:8080']], raw: Buffer.from(request, 'latin1').toString('base64') },
    response: { httpVersion: '1.1', statusCode: 101, reason: 'Switching Protocols', headers: [['Upgrade', 'websocket']], raw: Buffer.from(response, 'latin1').toString('base64') },
    checks: [],
  });
  let inBytes = 0;
  let chunked = 0;
  for (let index = 0; index < frameCount; index += 1) {
    const atMicros = 1000 + index;
    if (index % 1000 === 999) {
      const frame: FrameRecord = sampleFrame(`client ${index}`, { masked: true, atMicros, messageId: index });
      log.appendFrame(frame, 'out');
      log.appendWireChunk('out', atMicros, frame.headerBytes.byteLength + frame.payloadLength);
      continue;
    }
    const frame = sampleFrame(`{"seq":${index},"price":${(index % 997) / 10}}`.padEnd(64, ' '), { atMicros, messageId: index });
    log.appendFrame(frame, 'in');
    inBytes += frame.headerBytes.byteLength + frame.payloadLength;
    while (inBytes - chunked >= chunkBytes) {
      log.appendWireChunk('in', atMicros, chunkBytes);
      chunked += chunkBytes;
    }
  }
  log.appendWireChunk('in', 1000 + frameCount, inBytes - chunked);
  log.seal();
  return log;
}

let temp: TempDir;
let log: CaptureLog;
beforeAll(() => {
  temp = createTempDir('pcapng-long');
  log = longCapture();
});
afterAll(() => {
  log?.dispose();
  temp?.remove();
});

describe.skipIf(!tshark.isAvailable)('a 100,000-frame pcapng export read by tshark with its default settings', () => {
  it('dissects every frame, in order, with its opcode, mask and length, and nothing malformed', async () => {
    const path = temp.file('long.pcapng');
    await exportCaptureFile(log, 'pcapng', path, noRedaction);
    // No -o option anywhere: the preferences are tshark's defaults.
    const fields = await run('tshark', ['-r', path, '-Y', 'websocket', '-T', 'fields', '-E', 'occurrence=a', '-e', 'tcp.dstport', '-e', 'websocket.opcode', '-e', 'websocket.mask', '-e', 'websocket.payload_length'], { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
    // One line per packet holding WebSocket: the server port (8080) as destination means client → server.
    const dissected = fields.stdout.trimEnd().split('\n').map((line) => {
      const [port, ...frame] = line.split('\t');
      return `${port === '8080' ? 'out' : 'in'} ${frame.join(' ')}`;
    });
    const recorded: string[] = [];
    for (let seq = 0; seq < log.count; seq += 1) {
      const frame = log.getRecordJson(seq);
      if (frame.kind === 'frame') recorded.push(`${frame.direction} ${frame.opcode} ${frame.masked ? 1 : 0} ${frame.payloadLength}`);
    }
    expect(dissected).toHaveLength(frameCount);
    // Each direction in order (packets of the two directions interleave by socket time, not by seq).
    for (const direction of ['in', 'out']) {
      expect(dissected.filter((line) => line.startsWith(direction))).toEqual(recorded.filter((line) => line.startsWith(direction)));
    }
    const malformed = await run('tshark', ['-r', path, '-Y', '_ws.malformed || _ws.expert.severity == error'], { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
    expect(malformed.stdout).toBe('');
  }, 600_000);
});
