import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCapture } from '../../../electron/engine/capture/export/capture-open.js';
import { noRedaction } from '../../../electron/engine/capture/export/redaction-rules.js';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import type { EventRecordJson } from '../../../shared/contract/records.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { eventMessage } from '../../../shared/i18n/event-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { sampleFrame, sampleHeader } from '../capture/capture-fixtures.js';
import { exportBytes, fixtureLog } from './export-fixture.js';

// A HAR in the shape Chrome DevTools saves (one websocket entry, _webSocketMessages with type, time, opcode, data), written by hand.
const chromeHar = {
  log: {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    pages: [],
    entries: [
      {
        _initiator: { type: 'script' },
        _resourceType: 'websocket',
        cache: {},
        connection: '1234',
        request: {
          method: 'GET',
          url: 'wss://echo.example/socket?room=1',
          httpVersion: 'HTTP/1.1',
          headers: [
            { name: 'Host', value: 'echo.example' },
            { name: 'Upgrade', value: 'websocket' },
            { name: 'Sec-WebSocket-Extensions', value: 'permessage-deflate; client_max_window_bits' },
          ],
          queryString: [{ name: 'room', value: '1' }],
          cookies: [],
          headersSize: -1,
          bodySize: 0,
        },
        response: {
          status: 101,
          statusText: 'Switching Protocols',
          httpVersion: 'HTTP/1.1',
          headers: [
            { name: 'Upgrade', value: 'websocket' },
            { name: 'Sec-WebSocket-Extensions', value: 'permessage-deflate; server_max_window_bits=10' },
          ],
          cookies: [],
          content: { size: 0, mimeType: 'x-unknown' },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
          _transferSize: 0,
        },
        serverIPAddress: '192.0.2.10',
        startedDateTime: '2025-03-01T12:00:00.000Z',
        time: 12.5,
        timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0 },
        _webSocketMessages: [
          { type: 'send', time: 1740830400.25, opcode: 1, data: '{"hello":"world"}' },
          { type: 'receive', time: 1740830400.5, opcode: 1, data: 'héllo' },
          { type: 'receive', time: 1740830400.75, opcode: 2, data: 'AAEC' },
        ],
      },
    ],
  },
};

function source(fileName: string, text: string): { fileName: string; bytes: Uint8Array } {
  return { fileName, bytes: Buffer.from(text, 'utf8') };
}

describe('HAR import', () => {
  it("opens Chrome's shape: handshake headers, each message as a whole frame, and a note saying what HAR does not carry", async () => {
    const result = await openCapture(source('chrome.har', JSON.stringify(chromeHar)));
    if (!result.ok) throw new Error(result.problem.message);
    const log = result.log;
    expect(log.isSealed).toBe(true);
    expect(log.header).toMatchObject({ targetUrl: 'wss://echo.example/socket?room=1', extensions: [{ name: 'permessage-deflate', params: { server_max_window_bits: '10' } }] });
    const records = log.getRecords(0, 10);
    expect(records[0]).toMatchObject({ kind: 'event', name: 'note' });
    expect(log.getRecordJson(0)).toMatchObject({ message: expect.stringContaining('masking keys') });
    const note = eventMessage(log.getRecordJson(0) as EventRecordJson, 'message');
    expect(renderMessage(createTranslate('en'), note)).toBe((log.getRecordJson(0) as EventRecordJson).message);
    expect(renderMessage(createTranslate('zh-CN'), note)).toMatch(/^导入自不含 Frameline 扩展字段的 HAR。.*FIN、RSV1–3 和 MASK 位/);
    expect(log.getRecordJson(1)).toMatchObject({ kind: 'handshake', request: { target: '/socket?room=1' }, response: { statusCode: 101 } });
    const frames = [2, 3, 4].map((seq) => log.getRecordJson(seq));
    expect(frames).toMatchObject([
      { kind: 'frame', direction: 'out', opcode: 1, atMicros: 250_000, fin: true, masked: false, payloadLength: 17 },
      { kind: 'frame', direction: 'in', opcode: 1, atMicros: 500_000, payloadLength: 6 },
      { kind: 'frame', direction: 'in', opcode: 2, atMicros: 750_000, payload: 'AAEC', payloadLength: 3 },
    ]);
    expect(Buffer.from(log.getPayload(3)).toString('utf8')).toBe('héllo');
    log.dispose();
  });

  it('restores a Frameline HAR to the same records and header', async () => {
    const original = fixtureLog();
    const har = await exportBytes(original, 'har', noRedaction);
    const result = await openCapture(source('ours.har', har.toString('utf8')));
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.log.header).toEqual(original.header);
    for (let seq = 0; seq < original.count; seq += 1) expect(result.log.getRecordJson(seq)).toEqual(original.getRecordJson(seq));
    expect(result.log.wireChunkCount).toBe(original.wireChunkCount);
  });

  it('opens a native file through the same entry point', async () => {
    const native = await exportBytes(fixtureLog(), 'json', noRedaction);
    const result = await openCapture(source('x.frameline.json', native.toString('utf8')));
    expect(result.ok).toBe(true);
  });

  it('names the byte offset of a truncated HAR', async () => {
    const text = JSON.stringify(chromeHar).slice(0, 500);
    const result = await openCapture(source('cut.har', text));
    expect(result).toMatchObject({ ok: false, problem: { message: `cut.har: the JSON ends early at byte 500; the file is truncated`, byteOffset: 500 } });
  });

  it('names the field of a bad message', async () => {
    const broken = structuredClone(chromeHar);
    (broken.log.entries[0]!._webSocketMessages[1] as { opcode: unknown }).opcode = 'text';
    const result = await openCapture(source('bad.har', JSON.stringify(broken)));
    expect(result).toMatchObject({ ok: false, problem: { fieldPath: 'log.entries[0]._webSocketMessages[1].opcode', message: 'bad.har: log.entries[0]._webSocketMessages[1].opcode: expected a number 0–15' } });
  });

  it('names the HAR field of a bad Frameline extra', async () => {
    const har = JSON.parse((await exportBytes(fixtureLog(), 'har', noRedaction)).toString('utf8'));
    har.log.entries[0]._webSocketMessages[2]._fin = 'yes';
    const result = await openCapture(source('ours.har', JSON.stringify(har)));
    expect(result).toMatchObject({ ok: false, problem: { fieldPath: 'log.entries[0]._webSocketMessages[2]._fin' } });
  });

  it('says when a HAR has no WebSocket entry', async () => {
    const result = await openCapture(source('page.har', JSON.stringify({ log: { version: '1.2', entries: [{ request: {} }] } })));
    expect(result).toMatchObject({ ok: false, problem: { message: expect.stringContaining('page.har: log.entries: no WebSocket entry') } });
  });

  it('words a HAR field problem in the reader\'s language, field path as written', async () => {
    const chinese = createTranslate('zh-CN');
    const english = createTranslate('en');
    const badOpcode = structuredClone(chromeHar);
    (badOpcode.log.entries[0]!._webSocketMessages[1] as { opcode: unknown }).opcode = 'text';
    const noTime = structuredClone(chromeHar);
    delete (noTime.log.entries[0]!._webSocketMessages[0] as { time?: unknown }).time;
    const binary = structuredClone(chromeHar);
    (binary.log.entries[0]!._webSocketMessages[2] as { data: unknown }).data = 'not base64!';
    const ours = JSON.parse((await exportBytes(fixtureLog(), 'har', noRedaction)).toString('utf8'));
    ours.log.entries[0]._webSocketMessages[2]._fin = 'yes';
    const disagrees = JSON.parse((await exportBytes(fixtureLog(), 'har', noRedaction)).toString('utf8'));
    disagrees.log.entries[0]._webSocketMessages[1]._fin = !disagrees.log.entries[0]._webSocketMessages[1]._fin;
    const cases: [string, string, string][] = [
      [JSON.stringify(badOpcode), 'log.entries[0]._webSocketMessages[1].opcode: expected a number 0–15', 'log.entries[0]._webSocketMessages[1].opcode：应为 0–15 的数字'],
      [JSON.stringify(noTime), 'log.entries[0]._webSocketMessages[0].time: missing; expected seconds since the epoch', 'log.entries[0]._webSocketMessages[0].time：缺失；应为自 Unix 纪元起的秒数'],
      [JSON.stringify(binary), 'log.entries[0]._webSocketMessages[2].data: expected base64 for this opcode', 'log.entries[0]._webSocketMessages[2].data：此 opcode 下应为 base64'],
      [JSON.stringify(ours), 'log.entries[0]._webSocketMessages[2]._fin: expected true or false', 'log.entries[0]._webSocketMessages[2]._fin：应为 true 或 false'],
      [JSON.stringify({ log: { entries: [{ request: {} }] } }), 'log.entries: no WebSocket entry (one with _resourceType "websocket" and _webSocketMessages)', 'log.entries：没有 WebSocket 条目（即带 _resourceType "websocket" 和 _webSocketMessages 的条目）'],
      [JSON.stringify({ log: 3 }), 'log: expected an object', 'log：应为对象'],
    ];
    for (const [text, englishText, chineseText] of cases) {
      const result = await openCapture(source('bad.har', text));
      if (result.ok) throw new Error('imported a bad HAR');
      expect(result.problem.message).toBe(`bad.har: ${englishText}`);
      expect(renderMessage(english, result.problem.i18n!)).toBe(`bad.har: ${englishText}`);
      expect(renderMessage(chinese, result.problem.i18n!)).toBe(`bad.har 中的字段有误：${chineseText}`);
    }
    const mismatch = await openCapture(source('bad.har', JSON.stringify(disagrees)));
    if (mismatch.ok) throw new Error('imported a frame that disagrees with its bytes');
    expect(mismatch.problem.fieldPath).toBe('log.entries[0]._webSocketMessages[1]._fin');
    expect(renderMessage(chinese, mismatch.problem.i18n!)).toMatch(/^bad\.har 中的字段有误：log\.entries\[0\]\._webSocketMessages\[1\]\._fin：应为 (true|false)，与 headerBytes 中的 FIN 位一致$/);
    const text = JSON.stringify(chromeHar);
    const hole = await openCapture(source('bad.har', text.replace('"_webSocketMessages":[', '"_webSocketMessages":[ ,')));
    if (hole.ok) throw new Error('imported a list with a hole');
    expect(hole.problem.message).toBe(`bad.har: broken JSON at byte ${hole.problem.byteOffset}: Expected a value`);
    expect(renderMessage(chinese, hole.problem.i18n!)).toBe(`bad.har：JSON 在第 ${hole.problem.byteOffset} 字节处损坏：此处应有一个值`);
  });
});

describe('large and unusual HAR files', () => {
  it('refuses a HAR past its size limit, and one it cannot read, in the reader\'s language', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'frameline-har-open-'));
    try {
      // A sparse file: its size is past the limit without the disk holding it.
      const huge = join(folder, 'huge.har');
      await writeFile(huge, '{"log":');
      await truncate(huge, 513 * 1024 * 1024);
      const tooLarge = await openCapture({ path: huge });
      if (tooLarge.ok) throw new Error('opened a HAR past the limit');
      expect(tooLarge.problem.message).toBe(`${huge}: at 537919488 bytes this HAR is too large to open (the limit is 536870912)`);
      expect(renderMessage(createTranslate('zh-CN'), tooLarge.problem.i18n!)).toBe(`${huge}：这个 HAR 文件有 537919488 字节，太大，无法打开（上限为 536870912 字节）`);
      const missing = await openCapture({ path: join(folder, 'missing.har') });
      if (missing.ok) throw new Error('opened a missing file');
      expect(missing.problem.message).toMatch(/missing\.har: cannot be read \(ENOENT/);
      expect(renderMessage(createTranslate('zh-CN'), missing.problem.i18n!)).toMatch(/missing\.har：无法读取（ENOENT/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('imports a HAR of 200,000 messages (Chrome shape) one message at a time', async () => {
    const messages = Array.from({ length: 200_000 }, (_, index) => ({ type: index % 2 === 0 ? 'send' : 'receive', time: 1740830400 + index / 1000, opcode: 1, data: `message ${index}` }));
    const har = structuredClone(chromeHar);
    (har.log.entries[0] as { _webSocketMessages: unknown[] })._webSocketMessages = messages;
    const result = await openCapture(source('big.har', JSON.stringify(har, null, 2)));
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.log.count).toBe(200_002);
    expect(result.log.getRecordJson(200_001)).toMatchObject({ kind: 'frame', direction: 'in', payload: Buffer.from('message 199999').toString('base64') });
    result.log.dispose();
  });

  it('restores a Frameline HAR of 200,000 frames, handshake and events merged in seq order', async () => {
    const original = new CaptureLog({ header: sampleHeader() });
    original.appendEvent({ atMicros: 0, name: 'tcp-connected', remote: '127.0.0.1:8080' });
    for (let index = 0; index < 200_000; index += 1) {
      original.appendFrame(sampleFrame(`m${index}`, { atMicros: index + 1, messageId: index + 1 }), 'in');
      if (index === 100_000) original.appendEvent({ atMicros: index + 1, name: 'note', message: 'halfway' });
    }
    original.seal();
    const har = await exportBytes(original, 'har', noRedaction);
    const result = await openCapture(source('ours.har', har.toString('utf8')));
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.log.count).toBe(original.count);
    for (const seq of [0, 1, 100_001, 100_002, 200_001]) expect(result.log.getRecordJson(seq)).toEqual(original.getRecordJson(seq));
    result.log.dispose();
    original.dispose();
  });

  it('accepts a UTF-8 byte order mark before the document', async () => {
    const result = await openCapture(source('bom.har', `\uFEFF${JSON.stringify(chromeHar)}`));
    expect(result.ok).toBe(true);
    if (result.ok) result.log.dispose();
  });

  it('names the HAR field of a frame that disagrees with itself, and the byte of a broken message', async () => {
    const har = JSON.parse((await exportBytes(fixtureLog(), 'har', noRedaction)).toString('utf8'));
    har.log.entries[0]._webSocketMessages[1].data = 'AAECAwQ=';
    const mismatch = await openCapture(source('ours.har', JSON.stringify(har)));
    expect(mismatch).toMatchObject({ ok: false, problem: { fieldPath: 'log.entries[0]._webSocketMessages[1].data', message: 'ours.har: log.entries[0]._webSocketMessages[1].data: holds 5 bytes, more than payloadLength 4' } });
    const text = JSON.stringify(chromeHar);
    const at = text.indexOf('"data":"AAEC"');
    const broken = await openCapture(source('broken.har', `${text.slice(0, at)}"data" "AAEC"${text.slice(at + 13)}`));
    expect(broken).toMatchObject({ ok: false, problem: { byteOffset: Buffer.byteLength(text.slice(0, at)) + 7, message: expect.stringMatching(/^broken\.har: broken JSON at byte \d+: /) } });
  });
});
