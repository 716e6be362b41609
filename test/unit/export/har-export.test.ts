import { describe, expect, it } from 'vitest';
import { noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import { exportBytes, fixtureLog } from './export-fixture.js';
import { har12Schema } from './har-1.2-schema.js';

describe('HAR export', () => {
  it('validates as HAR 1.2 with one websocket entry', async () => {
    const har = JSON.parse((await exportBytes(fixtureLog(), 'har', noRedaction)).toString('utf8'));
    expect(har12Schema.safeParse(har).error?.issues).toBeUndefined();
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
