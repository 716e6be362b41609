import { StreamInflater } from '../electron/engine/deflate/stream-inflater.js';
import { ZlibDeflater } from '../electron/engine/deflate/zlib-codec.js';
import { encodeFrame } from '../shared/protocol/frame-encoder.js';
import { Opcode } from '../shared/protocol/opcode.js';
import { packChunks, runOurs, runWs, timeBoth, wsClientDeflate } from './bench-harness.js';
import type { BenchResult } from './decode-bench.js';

const contextTakeover = { noContextTakeover: false, windowBits: 15 };

/** A 256-byte JSON message that changes a little each time, like a stream of updates. */
function jsonMessage(index: number): Uint8Array {
  const body = JSON.stringify({ type: 'tick', seq: index, symbol: 'FRML', price: 100 + (index % 97) / 10, note: '' });
  return new TextEncoder().encode(body.slice(0, -2) + 'x'.repeat(256 - body.length) + '"}');
}

/** (d) permessage-deflate text messages of 256 bytes with context takeover, from a server. */
export async function deflatedMessages(): Promise<BenchResult> {
  const deflater = new ZlibDeflater(contextTakeover);
  const frames = Array.from({ length: 20_000 }, (_, i) => {
    const message = jsonMessage(i);
    if (message.length !== 256) throw new Error(`message is ${message.length} bytes`);
    return encodeFrame({ opcode: Opcode.text, rsv1: true, payload: deflater.deflate(message) });
  });
  const workload = packChunks(frames, 64 * 1024);
  const { oursSeconds, wsSeconds, ratio } = await timeBoth(
    () => runOurs(workload, { role: 'server', negotiatedExtensions: ['permessage-deflate'], inflater: new StreamInflater(contextTakeover) }),
    () => runWs(workload, { isServer: false, extensions: wsClientDeflate() }),
    2,
    11,
  );
  return { scenario: '(d) permessage-deflate 256-byte JSON, context takeover', unit: 'messages/s', ours: workload.messageCount / oursSeconds, ws: workload.messageCount / wsSeconds, ratio };
}
