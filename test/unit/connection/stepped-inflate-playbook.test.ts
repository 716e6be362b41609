import { describe, expect, it } from 'vitest';
import { StreamInflater } from '../../../electron/engine/deflate/stream-inflater.js';
import { ZlibDeflater } from '../../../electron/engine/deflate/zlib-codec.js';
import type { ConnectionCommand } from '../../../shared/connection/connection-command.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { connectionFor, lines, testLimits } from './connection-fixtures.js';

const takeover = { noContextTakeover: false, windowBits: 15 };

describe('a received message inflated in steps', () => {
  it('yields until it is inflated, holds the peer FIN until then, and keeps the order of records', () => {
    const deflater = new ZlibDeflater(takeover);
    const connection = connectionFor('client', {
      limits: { ...testLimits, maxInflatedBytes: 1 << 20 },
      deflate: { inflater: new StreamInflater(takeover), deflater, sentInflater: new StreamInflater(takeover), inflateSliceBytes: 1024 },
    });
    connection.start(0);
    const large = encodeFrame({ opcode: Opcode.binary, rsv1: true, payload: new ZlibDeflater(takeover).deflate(new Uint8Array(100_000)) });
    const close = Uint8Array.from([0x88, 0x02, 0x03, 0xe8]);
    const first = connection.receive(Uint8Array.from([...large, ...close]), 10);
    expect(lines(first)).toEqual(['yield']);
    expect(connection.hasPendingWork).toBe(true);
    // The peer's FIN waits for what it sent before it.
    expect(connection.socketEnded('fin', 20)).toEqual([]);
    const rest: ConnectionCommand[] = [];
    let steps = 0;
    while (connection.hasPendingWork) {
      rest.push(...connection.resume(30 + steps));
      steps += 1;
    }
    expect(steps).toBeGreaterThan(1);
    const records = rest.filter((command) => command.type === 'record');
    expect(records[0]).toMatchObject({ seq: 0, record: { kind: 'frame', frame: { opcode: Opcode.binary, rsv1: true, inflatedLength: 100_000, violations: [] } } });
    expect(lines(rest).filter((line) => line !== 'yield').slice(1)).toEqual([
      '#1 in close fin code=1000',
      expect.stringMatching(/^write 88 82/),
      '#2 out close masked fin code=1000',
      'arm close-wait 5000',
      'cancel close-wait',
      'destroy-socket',
      expect.stringMatching(/^#3 closed/),
      expect.stringMatching(/^closed /),
    ]);
  });
});
