import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConnectionCommand, ConnectionRecord } from '../../../shared/connection/connection-command.js';
import { frameStream } from '../protocol/frame-arbitraries.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { concat, hex, splitAt } from '../protocol/protocol-fixtures.js';
import { connectionFor, lines } from './connection-fixtures.js';

// `streamRecordsTo` hands each record to the owner as the connection makes it. It must change
// where records go, not which records, their seqs, their order, or any other command.

const cutPoints = fc.array(fc.nat({ max: 5000 }), { maxLength: 30 });
const options = fc.record({
  role: fc.constantFrom('client' as const, 'server' as const),
  mode: fc.constantFrom('observe' as const, 'strict' as const),
  reportsMessages: fc.boolean(),
  payloadViews: fc.boolean(),
});

/** The same inputs with and without a sink: records as `lines` of record commands, then everything else. */
function run(streams: boolean, role: 'client' | 'server', overrides: object, chunks: readonly Uint8Array[]): { records: string[]; others: string[] } {
  const connection = connectionFor(role, overrides);
  const streamed: ConnectionCommand[] = [];
  // A line is made at once: a payload view is only good while the sink runs.
  const records: string[] = [];
  if (streams) connection.streamRecordsTo((seq: number, record: ConnectionRecord) => records.push(...lines([{ type: 'record', seq, record }])));
  const all: ConnectionCommand[] = [];
  const take = (commands: readonly ConnectionCommand[]): void => {
    if (!streams) records.push(...lines(commands.filter((command) => command.type === 'record')));
    all.push(...commands.filter((command) => command.type !== 'record'));
    streamed.push(...commands.filter((command) => command.type === 'record'));
  };
  take(connection.start(0));
  chunks.forEach((chunk, index) => take(connection.receive(chunk, index + 1)));
  take(connection.send({ kind: 'text', payload: Uint8Array.of(0x61) }, chunks.length + 1 ) as ConnectionCommand[]);
  take(connection.socketEnded('fin', chunks.length + 2));
  expect(streams ? streamed : []).toEqual([]);
  return { records, others: lines(all, true) };
}

describe('a connection that streams its records', () => {
  it('makes the same records with the same seqs and the same other commands, for any stream and split', () => {
    fc.assert(
      fc.property(frameStream, options, cutPoints, (bytes, { role, ...overrides }, cuts) => {
        let listed: ReturnType<typeof run> | Error;
        let streamed: ReturnType<typeof run> | Error;
        try {
          listed = run(false, role, overrides, splitAt(bytes, cuts));
        } catch (error) {
          listed = error as Error;
        }
        try {
          streamed = run(true, role, overrides, splitAt(bytes, cuts));
        } catch (error) {
          streamed = error as Error;
        }
        expect(streamed).toEqual(listed);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes a large read a few records at a time exactly as the decoder does in one piece', () => {
    // Small text frames, then a large binary frame, then more small frames, in one read.
    const small = (index: number): Uint8Array => encodeFrame({ opcode: 1, payload: new TextEncoder().encode(`message ${index}`.padEnd(61, ' ')), fin: true });
    const big = encodeFrame({ opcode: 2, payload: Uint8Array.from({ length: 17_383 }, (_, index) => index & 0xff), fin: true });
    const read = concat(...Array.from({ length: 300 }, (_, index) => small(index)), big, ...Array.from({ length: 300 }, (_, index) => small(300 + index)));
    const connection = connectionFor('client', { payloadViews: true, limits: { payloadRetentionBytes: 65536, maxPayloadBytes: 65536, maxFragments: 100, maxInflatedBytes: 65536, closeTimeoutMs: 5000 } });
    const recorded: string[] = [];
    connection.streamRecordsTo((_seq, record) => {
      if (record.kind === 'frame') recorded.push(`${record.frame.opcode} ${record.frame.payloadLength} ${Array.from(record.frame.payload).join(',')} ${record.frame.violations.length}`);
    });
    connection.start(0);
    connection.receive(read, 1);
    const expected = new FrameDecoder({ role: 'server', maxPayloadBytes: 65536 }).push(read, 1).map((item) => (item.kind === 'frame' ? `${item.opcode} ${item.payloadLength} ${Array.from(item.payload).join(',')} ${item.violations.length}` : item.kind));
    expect(recorded).toHaveLength(601);
    expect(recorded).toEqual(expected);
  });

  it('refuses an input from inside the sink, so no read is re-entered half-decoded', () => {
    const connection = connectionFor('client');
    connection.start(0);
    const attempts: string[] = [];
    connection.streamRecordsTo(() => {
      for (const input of [() => connection.send({ kind: 'text', payload: Uint8Array.of(0x62) }, 1), () => connection.close(1), () => connection.abort(1), () => connection.receive(hex('81 00'), 1)]) {
        try {
          input();
          attempts.push('taken');
        } catch (error) {
          attempts.push((error as Error).message);
        }
      }
    });
    connection.receive(hex('81 01 61'), 1);
    expect(attempts).toEqual(Array(4).fill('WebSocketConnection given an input from inside its record sink.'));
    // Between inputs everything works as before.
    expect(connection.state).toBe('open');
    expect(lines(connection.close(2))).toEqual(['write 88 80 37 fa 21 3d', 'arm close-wait 5000']);
  });
});
