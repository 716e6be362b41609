import { describe, expect, it } from 'vitest';
import { StreamInflater } from '../../../electron/engine/deflate/stream-inflater.js';
import { ZlibDeflater } from '../../../electron/engine/deflate/zlib-codec.js';
import type { ConnectionCommand } from '../../../shared/connection/connection-command.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { concat, utf8 } from '../protocol/protocol-fixtures.js';
import { connectionFor, lines, testKey, testLimits, TestTimers } from './connection-fixtures.js';

const takeover = { noContextTakeover: false, windowBits: 15 };

/**
 * A dead-peer check (issue 18) meeting a message inflated in steps (issue 19): the client's pong
 * arrived in the same read as a large compressed message and waits behind its inflation. The
 * pong-wait going off meanwhile must not drop a peer whose pong we simply have not decoded yet.
 */
describe('pong timeout while a received message is still being inflated', () => {
  it('waits on, then the queued pong clears the wait', () => {
    const connection = connectionFor('server', {
      autoPingIntervalMs: 1000,
      pongTimeoutMs: 1500,
      limits: { ...testLimits, maxPayloadBytes: 1 << 20, maxInflatedBytes: 1 << 20 },
      deflate: { inflater: new StreamInflater(takeover), deflater: new ZlibDeflater(takeover), sentInflater: new StreamInflater(takeover), inflateSliceBytes: 1024 },
    });
    const timers = new TestTimers(connection);
    timers.run(connection.start(0), 0);
    timers.advanceTo(1_000_000);
    const large = encodeFrame({ opcode: Opcode.binary, rsv1: true, maskingKey: testKey, payload: new ZlibDeflater(takeover).deflate(new Uint8Array(100_000)) });
    const pong = encodeFrame({ opcode: Opcode.pong, maskingKey: testKey, payload: utf8('frameline-1') });
    expect(lines(timers.run(connection.receive(concat(large, pong), 1_100_000), 1_100_000))).toEqual(['yield']);

    const whileInflating = lines(timers.advanceTo(2_500_000));
    expect(whileInflating.filter((line) => line.includes('closed'))).toEqual([]);
    expect(whileInflating).toContain('arm pong-wait 1500');
    expect(connection.state).toBe('open');

    const rest: ConnectionCommand[] = [];
    for (let step = 0; connection.hasPendingWork; step++) rest.push(...timers.run(connection.resume(2_600_000 + step), 2_600_000 + step));
    expect(lines(rest).filter((line) => line !== 'yield')).toEqual([
      expect.stringMatching(/^#\d+ out binary masked fin rsv1/),
      expect.stringMatching(/^#\d+ out pong masked fin "frameline-1"/),
      'cancel pong-wait',
    ]);
    expect(timers.armed.has('pong-wait')).toBe(false);
    expect(connection.state).toBe('open');
  });
});
