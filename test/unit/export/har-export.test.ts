import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOutput } from '../../../electron/engine/capture/byte-output.js';
import { writeHarMessage } from '../../../electron/engine/capture/export/har-message.js';
import { noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import { exportBytes, fixtureLog } from './export-fixture.js';
import { har12Schema } from './har-1.2-schema.js';
import { capturedFrame } from '../capture/captured-frame-arbitrary.js';
import { validateHar } from '../../harness/har-validator.js';

describe('HAR export', () => {
  it('validates as HAR 1.2 with one websocket entry', async () => {
    const har = JSON.parse((await exportBytes(fixtureLog(), 'har', noRedaction)).toString('utf8'));
    expect(har12Schema.safeParse(har).error?.issues).toBeUndefined();
    await expect(validateHar(har)).resolves.toBeTruthy();
    expect(har.log.entries).toHaveLength(1);
    expect(har.log.entries[0]).toMatchObject({ _resourceType: 'websocket', request: { method: 'GET' }, response: { status: 101, httpVersion: 'HTTP/1.1' } });
  });

  it("writes Chrome's four message fields exactly: type, time in epoch seconds, opcode, data (text as text, else base64), control frames included", async () => {
    const har = JSON.parse((await exportBytes(fixtureLog(), 'har', noRedaction)).toString('utf8'));
    const messages = har.log.entries[0]._webSocketMessages as Record<string, unknown>[];
    const chrome = messages.map(({ type, time, opcode, data }) => ({ type, time, opcode, data }));
    const epoch = 1_740_830_400;
    expect(chrome).toEqual([
      { type: 'send', time: epoch + 0.001, opcode: 1, data: 'hello password=hunter2' },
      { type: 'receive', time: epoch + 0.0015, opcode: 2, data: 'AAECAw==' },
      { type: 'receive', time: epoch + 0.0016, opcode: 9, data: 'aGk=' },
      { type: 'send', time: epoch + 0.0017, opcode: 10, data: 'aGk=' },
      { type: 'receive', time: epoch + 0.0018, opcode: 1, data: '0123' },
      { type: 'receive', time: epoch + 0.002, opcode: 8, data: 'A+hieWU=' },
    ]);
    expect(messages[0]).toMatchObject({ _fin: true, _masked: true, _maskingKey: '37fa213d', _seq: 2, _atMicros: 1000 });
    expect(messages[4]).toMatchObject({ _payloadTruncated: true, _payloadLength: 10 });
    expect(messages[5]).toMatchObject({ _closeCode: 1000, _closeReason: 'bye' });
    expect(Object.keys(messages[0] as object).filter((key) => !key.startsWith('_'))).toEqual(['type', 'time', 'opcode', 'data']);
  });
});

describe('a HAR message', () => {
  it('is written as the bytes JSON.stringify gives for its fields, in order', () => {
    const out = new ByteOutput(16);
    fc.assert(
      fc.property(textOrBytesFrame, fc.integer({ min: 0, max: 2 }), (frame, opcode) => {
        writeHarMessage(out, frame, 1_740_830_400_000_000, opcode);
        const shown = frame.inflatedPayload ?? frame.payload;
        const text = opcode === 1 && !(frame.rsv1 && frame.inflatedPayload === undefined) ? strictText(shown) : null;
        const expected = {
          type: frame.direction === 'out' ? 'send' : 'receive',
          time: (1_740_830_400_000_000 + frame.atMicros) / 1e6,
          opcode: frame.opcode,
          data: text ?? Buffer.from(shown).toString('base64'),
          _seq: frame.seq,
          _atMicros: frame.atMicros,
          _encoding: text === null ? 'base64' : 'text',
          _fin: frame.fin,
          _rsv1: frame.rsv1,
          _rsv2: frame.rsv2,
          _rsv3: frame.rsv3,
          _masked: frame.masked,
          _maskingKey: frame.maskingKey === null ? null : Buffer.from(frame.maskingKey).toString('hex'),
          _payloadLength: frame.payloadLength,
          _headerBytes: Buffer.from(frame.headerBytes).toString('base64'),
          ...(frame.inflatedPayload !== undefined ? { _inflated: true, _payload: Buffer.from(frame.payload).toString('base64') } : {}),
          _payloadTruncated: frame.payloadTruncated,
          _messageId: frame.messageId,
          _fragment: frame.fragment,
          ...(frame.closeCode !== undefined ? { _closeCode: frame.closeCode } : {}),
          ...(frame.closeReason !== undefined ? { _closeReason: frame.closeReason } : {}),
          ...(frame.rttMicros !== undefined ? { _rttMicros: frame.rttMicros } : {}),
          _violations: frame.violations,
          ...(frame.redacted ? { _redacted: true } : {}),
          ...(frame.leg !== undefined ? { _leg: frame.leg } : {}),
          ...(frame.link !== undefined ? { _link: frame.link } : {}),
        };
        expect(out.take().toString('utf8')).toBe(JSON.stringify(expected));
      }),
      { numRuns: 500 },
    );
  });
});

// Frames whose payload is text more often than not: control characters, quotes, a byte order mark,
// multi-byte characters, so the text path of `data` is exercised as much as the base64 one.
const textPayload = fc
  .string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\u0001', '\u2028', '\ufeff', 'é', '😀'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 20 })
  .map((text) => new TextEncoder().encode(text));
const textOrBytesFrame = fc.tuple(capturedFrame, fc.option(textPayload, { nil: undefined })).map(([frame, text]) => (text === undefined ? frame : { ...frame, payload: text }));

function strictText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
