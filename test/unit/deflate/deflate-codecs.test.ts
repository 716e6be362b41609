import { constants, createDeflateRaw } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamInflater } from '../../../electron/engine/deflate/stream-inflater.js';
import { ZlibDeflater } from '../../../electron/engine/deflate/zlib-codec.js';
import { clientCodecParams, negotiateDeflate, serverCodecParams, type DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import { negotiateWsPair, wsCompress, wsDecompress, type WsDeflatePair } from './ws-permessage-deflate.js';

const takeover = { noContextTakeover: false, windowBits: 15 };
const noTakeover = { noContextTakeover: true, windowBits: 15 };
const unlimited = 1 << 30;

const text = (value: string): Uint8Array => new Uint8Array(Buffer.from(value));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function inflateOk(inflater: StreamInflater, compressed: Uint8Array, limit = unlimited): Uint8Array {
  const result = inflater.inflate(compressed, limit);
  if (!result.ok) throw new Error(result.reason === 'corrupt' ? `corrupt: ${result.detail}` : result.reason);
  return result.data;
}

/** Messages whose later members repeat earlier ones from more than one message back, across the 32 KiB window. */
function chattyMessages(): Uint8Array[] {
  const random = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (Math.imul(i + seed, 2654435761) >>> 24) & 0xff);
  const big = random(40_000, 7);
  return [
    text('{"type":"hello","id":1}'),
    text('{"type":"hello","id":2}'),
    random(10_000, 1),
    big,
    big.subarray(30_000),
    text(''),
    random(20_000, 2),
    random(20_000, 2),
    text('{"type":"hello","id":3}'.repeat(500)),
    big.subarray(0, 33_000),
  ];
}

describe('StreamInflater / ZlibDeflater', () => {
  it('reads and writes the RFC 7692 §7.2.3 examples', () => {
    const inflater = new StreamInflater(takeover);
    expect(inflateOk(inflater, Buffer.from('f248cdc9c90700', 'hex'))).toEqual(text('Hello'));
    // §7.2.3.2: the second "Hello" refers back into the first message.
    expect(inflateOk(inflater, Buffer.from('f200110000', 'hex'))).toEqual(text('Hello'));
    expect(inflateOk(new StreamInflater(noTakeover), Buffer.from('00', 'hex'))).toEqual(new Uint8Array(0));
    expect(hex(new ZlibDeflater(noTakeover).deflate(text('Hello')))).toBe('f248cdc9c90700');
    expect(hex(new ZlibDeflater(noTakeover).deflate(new Uint8Array(0)))).toBe('00');
  });

  it.each([
    ['with context takeover', takeover],
    ['without context takeover', noTakeover],
  ])('round-trips messages spanning the 32 KiB window %s', (_name, params) => {
    const deflater = new ZlibDeflater(params);
    const inflater = new StreamInflater(params);
    for (const message of chattyMessages()) expect(inflateOk(inflater, deflater.deflate(message))).toEqual(message);
  });

  it('round-trips at every window size, 8 included', () => {
    for (let windowBits = 8; windowBits <= 15; windowBits++) {
      const deflater = new ZlibDeflater({ noContextTakeover: false, windowBits });
      const inflater = new StreamInflater({ noContextTakeover: false, windowBits });
      for (const message of chattyMessages()) expect(inflateOk(inflater, deflater.deflate(message))).toEqual(message);
    }
  });

  it('uses the context: a repeated message shrinks only with takeover', () => {
    const message = text(JSON.stringify({ user: 'someone', items: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `item ${i}` })) }));
    const withContext = new ZlibDeflater(takeover);
    const without = new ZlibDeflater(noTakeover);
    const first = withContext.deflate(message).length;
    expect(withContext.deflate(message).length).toBeLessThan(first / 5);
    expect(without.deflate(message).length).toBe(without.deflate(message).length);
  });

  it('round-trips arbitrary message sequences', () => {
    fc.assert(fc.property(fc.boolean(), fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 12 }), (isNoTakeover, messages) => {
      const params = isNoTakeover ? noTakeover : takeover;
      const deflater = new ZlibDeflater(params);
      const inflater = new StreamInflater(params);
      for (const message of messages) expect(inflateOk(inflater, deflater.deflate(message))).toEqual(message);
    }), { numRuns: 50 });
  });

  it('enforces the output limit exactly', () => {
    const compressed = new ZlibDeflater(noTakeover).deflate(new Uint8Array(1000));
    expect(inflateOk(new StreamInflater(noTakeover), compressed, 1000)).toHaveLength(1000);
    expect(new StreamInflater(noTakeover).inflate(compressed, 999)).toMatchObject({ ok: false, reason: 'too-big' });
    expect(new StreamInflater(noTakeover).inflate(compressed, 0)).toMatchObject({ ok: false, reason: 'too-big' });
    expect(inflateOk(new StreamInflater(noTakeover), new Uint8Array([0]), 0)).toHaveLength(0);
  });

  it('reports corrupt input as a value', () => {
    expect(new StreamInflater(takeover).inflate(new Uint8Array([0xff, 0xff, 0xff]), unlimited)).toMatchObject({ ok: false, reason: 'corrupt' });
    // A back-reference with no history to refer to (§7.2.3.2 second message read first).
    expect(new StreamInflater(takeover).inflate(Buffer.from('f200110000', 'hex'), unlimited)).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('stops a 100 MB decompression bomb at the limit without allocating it', async () => {
    const bomb = await compressZeros(100 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200_000);
    const before = process.memoryUsage().arrayBuffers;
    const result = new StreamInflater(takeover).inflate(bomb, 1024 * 1024);
    expect(result).toMatchObject({ ok: false, reason: 'too-big' });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('StreamInflater in steps', () => {
  it('hands out a message in slices of about the asked size, the same bytes as a whole inflate, and keeps the context for the next message', () => {
    const deflater = new ZlibDeflater(takeover);
    const messages = chattyMessages();
    const stepped = new StreamInflater(takeover);
    const whole = new StreamInflater(takeover);
    for (const message of messages) {
      const compressed = deflater.deflate(message);
      const job = stepped.begin(compressed, unlimited);
      const pieces: number[] = [];
      const out: number[] = [];
      let end = null;
      while (end === null) {
        let slice = 0;
        end = job.step(4096, (bytes) => {
          slice += bytes.length;
          out.push(...bytes);
        });
        pieces.push(slice);
      }
      expect(end).toEqual({ ok: true, length: message.length });
      expect(new Uint8Array(out)).toEqual(message);
      expect(inflateOk(whole, compressed)).toEqual(message);
      // A slice stops once it has its size; one input slice (16 KiB) of a repetitive message can overshoot by its expansion, never by the message.
      for (const slice of pieces.slice(0, -1)) expect(slice).toBeGreaterThanOrEqual(4096);
    }
  });

  it('reads a message that ends with a final block (RFC 7692 §7.2.3.4) and the message after it', () => {
    const inflater = new StreamInflater(takeover);
    // "Hello" as a fixed-Huffman block with BFINAL set, as §7.2.3.4 shows it.
    expect(inflateOk(inflater, Buffer.from('f348cdc9c90700', 'hex'))).toEqual(text('Hello'));
    expect(inflateOk(inflater, Buffer.from('f248cdc9c90700', 'hex'))).toEqual(text('Hello'));
  });

  it('stops a bomb at the limit in steps, and the next message after a fresh start still reads', async () => {
    const bomb = await compressZeros(8 * 1024 * 1024);
    const inflater = new StreamInflater(noTakeover);
    const job = inflater.begin(bomb, 1024 * 1024);
    let steps = 0;
    let end = null;
    while (end === null) {
      end = job.step(64 * 1024, () => undefined);
      steps += 1;
    }
    expect(end).toMatchObject({ ok: false, reason: 'too-big' });
    expect(steps).toBeGreaterThan(1);
    expect(inflateOk(inflater, new ZlibDeflater(noTakeover).deflate(text('after')))).toEqual(text('after'));
  });
});

describe('interop with ws permessage-deflate', () => {
  let pair: WsDeflatePair | null = null;
  afterEach(() => {
    pair?.client.cleanup();
    pair?.server.cleanup();
    pair = null;
  });

  function agreementFor(p: WsDeflatePair): DeflateAgreement {
    const result = negotiateDeflate([['Sec-WebSocket-Extensions', p.offerHeader]], [['Sec-WebSocket-Extensions', p.responseHeader]]);
    if (result === null || !result.ok) throw new Error(`negotiation failed: ${JSON.stringify(result)}`);
    return result.agreement;
  }

  it.each([
    ['context takeover', {}, {}],
    ['no context takeover either way', { serverNoContextTakeover: true, clientNoContextTakeover: true }, {}],
    ['small windows', { serverMaxWindowBits: 10, clientMaxWindowBits: 11 }, {}],
    ['8-bit windows', { serverMaxWindowBits: 8, clientMaxWindowBits: 8 }, {}],
    ['server-imposed limits', { clientMaxWindowBits: true }, { serverNoContextTakeover: true, clientMaxWindowBits: 9 }],
  ])('reads what ws deflates and ws reads what we deflate (%s)', async (_name, clientOptions, serverOptions) => {
    pair = negotiateWsPair(clientOptions, serverOptions);
    const agreement = agreementFor(pair);
    const ours = clientCodecParams(agreement);
    const inflater = new StreamInflater(ours.inflate);
    const deflater = new ZlibDeflater(ours.deflate);
    for (const message of chattyMessages()) {
      expect(inflateOk(inflater, await wsCompress(pair.server, message))).toEqual(message);
      expect(new Uint8Array(await wsDecompress(pair.server, deflater.deflate(message)))).toEqual(message);
    }
  });

  it('works as the server side too (listen mode)', async () => {
    pair = negotiateWsPair({ clientMaxWindowBits: true });
    const ours = serverCodecParams(agreementFor(pair));
    const inflater = new StreamInflater(ours.inflate);
    const deflater = new ZlibDeflater(ours.deflate);
    for (const message of chattyMessages()) {
      expect(inflateOk(inflater, await wsCompress(pair.client, message))).toEqual(message);
      expect(new Uint8Array(await wsDecompress(pair.client, deflater.deflate(message)))).toEqual(message);
    }
  });
});

/** Builds a raw DEFLATE stream of `length` zero bytes without holding them all in memory, ended with a sync flush. */
function compressZeros(length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const stream = createDeflateRaw({ level: 9 });
    const parts: Buffer[] = [];
    stream.on('data', (part: Buffer) => parts.push(part));
    stream.on('error', reject);
    const zeros = Buffer.alloc(1024 * 1024);
    for (let written = 0; written < length; written += zeros.length) stream.write(zeros);
    stream.flush(constants.Z_SYNC_FLUSH, () => {
      const all = Buffer.concat(parts);
      stream.close();
      resolve(all.subarray(0, all.length - 4));
    });
  });
}
