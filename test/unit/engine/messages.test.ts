import { describe, expect, it } from 'vitest';
import { assembleMessage } from '../../../electron/engine/api/message-assembly.js';
import { MessageView } from '../../../electron/engine/api/message-view.js';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { recordFilterSchema, type RecordFilterInput } from '../../../shared/contract/api-session.js';
import type { FrameRow } from '../../../shared/contract/record-row.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import { encodeFrame, encodeMessageFragments } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { sampleHeader } from '../capture/capture-fixtures.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (base64: string): string => Buffer.from(base64, 'base64').toString('utf8');

/**
 * A capture as a session records it: server frames decoded by the real decoder, client frames by
 * another (their message ids count separately, as on the wire), interleaved in the order given.
 */
function captureOf(steps: ReadonlyArray<{ direction: 'in' | 'out'; bytes: Uint8Array }>): CaptureLog {
  const log = new CaptureLog({ header: sampleHeader() });
  const decoders = { in: new FrameDecoder({ role: 'server' }), out: new FrameDecoder({ role: 'client' }) };
  let atMicros = 0;
  for (const step of steps) {
    atMicros += 100;
    for (const item of decoders[step.direction].push(step.bytes, atMicros)) if (item.kind === 'frame') log.appendFrame(item, step.direction);
  }
  return log;
}

const key = Uint8Array.of(1, 2, 3, 4);
const json = '{"type":"history","items":["deploy started","build 4711 green","rollback done"]}';
const [first, middle, last] = encodeMessageFragments({ opcode: Opcode.text, payload: utf8(json), fragmentSize: 30 });

/** seq 0: hello out; 1: first fragment in; 2: ping in; 3: a masked text out; 4: middle in; 5: last in; 6: pong in. */
function chat(): CaptureLog {
  return captureOf([
    { direction: 'out', bytes: encodeFrame({ opcode: Opcode.text, payload: utf8('hello'), maskingKey: key }) },
    { direction: 'in', bytes: first! },
    { direction: 'in', bytes: encodeFrame({ opcode: Opcode.ping, payload: utf8('hb') }) },
    { direction: 'out', bytes: encodeFrame({ opcode: Opcode.text, payload: utf8('between'), maskingKey: key }) },
    { direction: 'in', bytes: middle! },
    { direction: 'in', bytes: last! },
    { direction: 'in', bytes: encodeFrame({ opcode: Opcode.pong, payload: utf8('hb') }) },
  ]);
}

const filter = (input: RecordFilterInput = {}) => recordFilterSchema.parse({ unit: 'messages', ...input });

describe('reassembling a message (§5.4)', () => {
  it('joins the fragments of a JSON message from any one of them, skipping the control frame and the other direction between', () => {
    const log = chat();
    for (const seq of [1, 4, 5]) {
      const message = assembleMessage(log, seq);
      expect(message).toMatchObject({ direction: 'in', opcode: Opcode.text, firstSeq: 1, lastSeq: 5, frameCount: 3, isComplete: true, isTruncated: false, payloadLength: json.length });
      expect(JSON.parse(text(message.payload))).toEqual(JSON.parse(json));
    }
  });

  it('is the frame itself for an unfragmented or control frame', () => {
    const log = chat();
    expect(assembleMessage(log, 0)).toMatchObject({ direction: 'out', firstSeq: 0, lastSeq: 0, frameCount: 1, isComplete: true });
    expect(text(assembleMessage(log, 2).payload)).toBe('hb');
  });

  it('says a message whose last fragment has not arrived is incomplete', () => {
    const log = captureOf([{ direction: 'in', bytes: first! }, { direction: 'in', bytes: middle! }]);
    expect(assembleMessage(log, 0)).toMatchObject({ frameCount: 2, isComplete: false });
  });

  it('cuts at the assembly limit and says so', () => {
    const message = assembleMessage(chat(), 4, 40);
    expect(message.isTruncated).toBe(true);
    expect(text(message.payload)).toBe(json.slice(0, 40));
  });
});

describe('the messages view', () => {
  it('shows one row per message at its last fragment, with the whole length and preview', async () => {
    const view = new MessageView('k', filter());
    const page = await view.page(chat(), 0, 100);
    const rows = page.rows as FrameRow[];
    expect(rows.map((row) => row.seq)).toEqual([0, 2, 3, 5, 6]);
    const message = rows.find((row) => row.seq === 5)!;
    expect(message).toMatchObject({ opcode: Opcode.text, fin: true, messageFrameCount: 3, payloadLength: json.length, payloadPreview: json, previewEncoding: 'text' });
    expect(rows.find((row) => row.seq === 0)?.messageFrameCount).toBeUndefined();
  });

  it('searches the whole message, not only its last fragment', async () => {
    const log = chat();
    const found = await new MessageView('k', filter({ search: 'deploy started' })).page(log, 0, 100);
    expect(found.rows.map((row) => row.seq)).toEqual([5]);
    const frames = await new MessageView('k', filter({ direction: 'out' })).page(log, 0, 100);
    expect(frames.rows.map((row) => row.seq)).toEqual([0, 3]);
  });

  it('gives its last rows with its total in one step after a batch\'s worth of records, as a tail read would', async () => {
    const log = chat();
    const view = new MessageView('k', filter());
    const tail = view.tailInOneStep(log, 2);
    expect(tail).toEqual({ from: 3, ...(await view.page(log, 3, 2)) });
    expect(tail?.rows.map((row) => row.seq)).toEqual([5, 6]);
  });

  it('indexes only what was appended since the last query', async () => {
    const log = captureOf([{ direction: 'in', bytes: first! }]);
    const view = new MessageView('k', filter());
    expect((await view.page(log, 0, 10)).total).toBe(0);
    const decoder = new FrameDecoder({ role: 'server' });
    decoder.push(first!, 1);
    for (const bytes of [middle!, last!]) for (const item of decoder.push(bytes, 2)) if (item.kind === 'frame') log.appendFrame(item, 'in');
    const page = await view.page(log, 0, 10);
    expect(page.total).toBe(1);
    expect((page.rows[0] as FrameRow).payloadPreview).toBe(json);
  });
});
