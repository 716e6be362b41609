import { describe, expect, it } from 'vitest';
import { english } from '../../harness/english.js';
import type { FrameRecordJson, HandshakeRecordJson, RecordJson } from '../../../shared/contract/records.js';
import type { ListenRequestRecord } from '../../../electron/engine/listen/listen-request.js';
import { closeMismatch, comparePath } from '../../../electron/engine/doctor/path-compare.js';

let seq = 0;
const frame = (direction: 'in' | 'out', payloadLength: number, fields: Partial<FrameRecordJson> = {}): FrameRecordJson => ({
  kind: 'frame', seq: seq++, atMicros: seq * 1000, direction, fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: 2,
  masked: direction === 'out', maskingKey: direction === 'out' ? '01020304' : null, payloadLength, headerBytes: '', payload: '', payloadTruncated: false,
  messageId: seq, fragment: 'whole', violations: [], ...fields,
});
const handshake: HandshakeRecordJson = {
  kind: 'handshake', seq: 0, atMicros: 0, checks: [],
  request: { method: 'GET', target: '/', httpVersion: '1.1', headers: [['Host', 'proxy'], ['Upgrade', 'websocket']], raw: '' },
  response: { httpVersion: '1.1', statusCode: 101, reason: 'Switching Protocols', headers: [], raw: '' },
};
const request: ListenRequestRecord = {
  kind: 'request', connection: 1, atMicros: 0, peer: { address: '127.0.0.1', port: 5000 }, requestLine: 'GET / HTTP/1.1', method: 'GET', target: '/', httpVersion: '1.1',
  headers: [['Host', 'backend'], ['Upgrade', 'websocket']], raw: '',
};

describe('comparePath frame crossings', () => {
  it('same frames with the same masking keys: relayed byte for byte', () => {
    const client: RecordJson[] = [handshake, frame('out', 10), frame('out', 20), frame('in', 10), frame('in', 20)];
    const listener: RecordJson[] = [frame('out', 10), frame('out', 20), frame('in', 10), frame('in', 20)];
    const [up, down] = comparePath(client, request, listener).frames;
    expect(up).toMatchObject({ verdict: 'same', isMaskKept: true, framesSent: 2, framesReceived: 2 });
    expect(down).toMatchObject({ verdict: 'same', isMaskKept: null });
  });

  it('more frames for the same bytes is re-chunked, fewer is coalesced, fewer bytes is lost', () => {
    const rechunked = comparePath([handshake, frame('out', 30)], request, [frame('out', 10, { fin: false }), frame('out', 20, { opcode: 0 })]).frames[0];
    expect(rechunked).toMatchObject({ verdict: 're-chunked', framesSent: 1, framesReceived: 2, bytesSent: 30, bytesReceived: 30 });
    expect(comparePath([handshake, frame('out', 10), frame('out', 20)], request, [frame('out', 30)]).frames[0]!.verdict).toBe('coalesced');
    expect(comparePath([handshake, frame('out', 10), frame('out', 20)], request, [frame('out', 10)]).frames[0]!.verdict).toBe('lost');
  });

  it('different masking keys on the same frames: the proxy re-framed them', () => {
    const crossing = comparePath([handshake, frame('out', 10)], request, [frame('out', 10, { maskingKey: 'aabbccdd' })]).frames[0];
    expect(crossing).toMatchObject({ verdict: 'same', isMaskKept: false });
  });

  it('a close one end saw and the other did not', () => {
    const closedBy = (fields: Record<string, unknown>): RecordJson => ({ kind: 'event', seq: seq++, atMicros: 5_000_000, name: 'closed', ...fields });
    const ends = comparePath(
      [handshake, frame('out', 10), frame('in', 10, { opcode: 8, closeCode: 1001 }), closedBy({ by: 'server', how: 'close-frame', closeCode: 1001 })],
      request,
      [frame('out', 10), closedBy({ by: 'path', how: 'fin' })],
    ).ends;
    expect(ends.map((end) => [end.side, end.sawCloseFrame, english(end.description)])).toEqual([
      ['client', true, 'close frame from the server with code 1001'],
      ['listener', false, 'TCP closed with a FIN, no WebSocket close frame'],
    ]);
    const comparison = comparePath([handshake, closedBy({ by: 'server', how: 'close-frame', closeCode: 1001 }), frame('in', 2, { opcode: 8, closeCode: 1001 })], request, [closedBy({ by: 'path', how: 'fin' })]);
    expect(english(closeMismatch(comparison)!)).toMatch(/^the client saw a close frame .* that never reached the listener/);
  });
});
