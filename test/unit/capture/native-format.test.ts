import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import type { CaptureReadResult } from '../../../electron/engine/capture/native-reader.js';
import { readCapture } from '../../../electron/engine/capture/native-reader.js';
import { logStream } from '../../../electron/engine/capture/export/log-stream.js';
import { writeCapture, writeCaptureFile } from '../../../electron/engine/capture/native-writer.js';
import type { CaptureFile } from '../../../shared/contract/capture.js';
import { sampleFrame, tlsHeader } from './capture-fixtures.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { renderMessage, type Message } from '../../../shared/i18n/message.js';

const folder = mkdtempSync(join(tmpdir(), 'frameline-native-test-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const logs: CaptureLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.dispose();
});

function track(result: CaptureReadResult): CaptureLog {
  if (!result.ok) throw new Error(result.problem.message);
  logs.push(result.log);
  return result.log;
}

/** A session with every record kind and rare field, 40 records in all. */
function richLog(): CaptureLog {
  const log = new CaptureLog({ header: tlsHeader() });
  logs.push(log);
  log.appendEvent({ atMicros: 0, name: 'dns', address: '10.0.0.5', family: 4 });
  log.appendEvent({ name: 'tcp-connected', local: { port: 50000, address: '127.0.0.1' }, atMicros: 310, label: 'café ☃' });
  log.appendWireChunk('out', 400, 212);
  log.appendHandshake({
    atMicros: 400,
    request: { target: '/feed?room=1', method: 'GET', headers: [['Host', 'example.test'], ['Authorization', '[redacted]']], httpVersion: '1.1', raw: 'R0VU' },
    response: { httpVersion: '1.1', statusCode: 101, reason: 'Switching Protocols', headers: [['Upgrade', 'websocket']], raw: 'SFRUUA==' },
    checks: [{ id: 'accept', ok: true, detail: 'matches' }],
  });
  log.appendWireChunk('in', 950, 129);
  for (let index = 0; index < 30; index += 1) {
    log.appendFrame(sampleFrame(`message ${index} ☃`, { atMicros: 1000 + index, masked: index % 2 === 0, messageId: index + 1 }), index % 2 === 0 ? 'out' : 'in');
  }
  log.appendFrame(sampleFrame(Uint8Array.of(0, 1, 2, 255), { opcode: 0x2, rsv1: true, inflatedPayload: Uint8Array.of(7, 7, 7), fin: false, fragment: 'first' }), 'in');
  log.appendFrame(sampleFrame(Uint8Array.of(9), { opcode: 0x0, fragment: 'last', payloadLength: 100, payloadTruncated: true }), 'in');
  log.appendFrame(sampleFrame('p', { opcode: 0xa }), 'in', 1234);
  log.appendFrame(sampleFrame('', { opcode: 0x3, violations: [{ rule: 'reserved-opcode', section: '5.2', closeCode: 1002, message: 'Opcode 3 is reserved.' }] }), 'in');
  log.appendFrame(sampleFrame(Uint8Array.of(0x03, 0xe8, 0x62), { opcode: 0x8, closeCode: 1000, closeReason: 'b', masked: true }), 'out');
  log.appendEvent({ atMicros: 9000, name: 'closed', by: 'client', how: 'close-frame', closeCode: 1000, closeReason: 'ciao ☃' });
  log.appendEvent({ atMicros: 9001, name: 'note', message: 'done' });
  log.appendWireChunk('out', 9000, 9);
  return log;
}

async function exported(log: CaptureLog, name: string): Promise<{ path: string; bytes: Buffer }> {
  const path = join(folder, name);
  await writeCaptureFile(log, path);
  return { path, bytes: readFileSync(path) };
}

describe('native capture file', () => {
  it('is one JSON document and one record per line', async () => {
    const log = richLog();
    const { bytes } = await exported(log, 'layout.frameline.json');
    const text = bytes.toString('utf8');
    const document = JSON.parse(text) as CaptureFile;
    expect([document.format, document.version, document.records.length, document.wire.length]).toEqual(['frameline-capture', 1, 40, 3]);
    expect(document.records[17]).toEqual(log.getRecordJson(17));
    expect(document.wire).toEqual([[400, 'out', 212], [950, 'in', 129], [9000, 'out', 9]]);
    const lines = text.split('\n');
    expect(lines[1]).toBe('"records":[');
    expect(lines[2]).toBe(`${JSON.stringify(log.getRecordJson(0))},`);
    expect(lines.slice(-6)).toEqual(['],', '"wire":[', '[400,"out",212],', '[950,"in",129],', '[9000,"out",9]', ']}', ''].slice(-6));
  });

  it('round-trips native → import → native byte for byte', async () => {
    const first = await exported(richLog(), 'first.frameline.json');
    const imported = track(await readCapture({ path: first.path }));
    expect(imported.isSealed).toBe(true);
    expect(imported.count).toBe(40);
    const second = await exported(imported, 'second.frameline.json');
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });

  it('reads the same document in any JSON layout and re-exports it identically', async () => {
    const first = await exported(richLog(), 'pretty-source.frameline.json');
    const pretty = JSON.stringify(JSON.parse(first.bytes.toString('utf8')), null, 2);
    const imported = track(await readCapture({ fileName: 'pretty.json', bytes: Buffer.from(pretty) }));
    const again = await exported(imported, 'pretty-again.frameline.json');
    expect(again.bytes.equals(first.bytes)).toBe(true);
  });

  it('reads lines and characters split across read chunks', async () => {
    const source = new CaptureLog({ header: tlsHeader() });
    logs.push(source);
    // Event details are written as text, so "☃" (3 bytes) lands on 64 KiB chunk edges somewhere in 460 KB.
    for (let index = 0; index < 2000; index += 1) source.appendEvent({ atMicros: index, name: 'note', message: '☃'.repeat(50 + (index % 7)) });
    const first = await exported(source, 'chunks.frameline.json');
    expect(first.bytes.length).toBeGreaterThan(4 * 64 * 1024);
    const fromFile = track(await readCapture({ path: first.path }));
    expect((await exported(fromFile, 'chunks-again.frameline.json')).bytes.equals(first.bytes)).toBe(true);
    const fromBytes = track(await readCapture({ fileName: 'chunks.frameline.json', bytes: first.bytes }));
    expect(fromBytes.getRecordJson(1999)).toEqual(source.getRecordJson(1999));
  });

  it('writes the same bytes to a stream as to a file', async () => {
    const log = richLog();
    const file = await exported(log, 'stream.frameline.json');
    const sink = new PassThrough();
    const parts: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => parts.push(chunk));
    await writeCapture(logStream(log), sink);
    expect(Buffer.concat(parts).equals(file.bytes)).toBe(true);
  });

  it('writes an empty capture that reads back', async () => {
    const log = new CaptureLog({ header: tlsHeader() });
    logs.push(log);
    const { path, bytes } = await exported(log, 'empty.frameline.json');
    expect(bytes.toString('utf8')).toMatch(/\n"records":\[\n\],\n"wire":\[\n\]\}\n$/);
    const imported = track(await readCapture({ path }));
    expect([imported.count, imported.wireChunkCount]).toEqual([0, 0]);
  });

  it('imports into a log that spills with a small budget', async () => {
    const source = new CaptureLog({ header: tlsHeader() });
    logs.push(source);
    for (let index = 0; index < 50; index += 1) source.appendFrame(sampleFrame(new Uint8Array(100).fill(index), { opcode: 0x2 }), 'in');
    const { path, bytes } = await exported(source, 'spill.frameline.json');
    const imported = track(await readCapture({ path }, { slabBytes: 256, payloadMemoryBudgetBytes: 512 }));
    expect(imported.memoryUsage().payloadBytesSpilled).toBeGreaterThan(0);
    expect(imported.getPayload(3)).toEqual(new Uint8Array(100).fill(3));
    expect((await exported(imported, 'spill-again.frameline.json')).bytes.equals(bytes)).toBe(true);
  });
});

describe('native capture file errors', () => {
  async function problemFor(text: string | Buffer, name = 'bad.frameline.json'): Promise<{ message: string; i18n?: Message; fieldPath?: string; byteOffset?: number }> {
    const path = join(folder, name);
    writeFileSync(path, text);
    const result = await readCapture({ path });
    if (result.ok) {
      logs.push(result.log);
      throw new Error('expected a problem');
    }
    expect(result.problem.file).toBe(path);
    expect(result.problem.message.startsWith(`${path}: `)).toBe(true);
    return result.problem;
  }

  async function goodText(): Promise<string> {
    return (await exported(richLog(), 'good.frameline.json')).bytes.toString('utf8');
  }

  it('names the field of a bad record, with its line', async () => {
    const lines = (await goodText()).split('\n');
    // records[17] is on line 20: the header is line 1, `"records":[` line 2.
    lines[19] = (lines[19] as string).replace('"opcode":1,', '"opcode":16,');
    const problem = await problemFor(lines.join('\n'));
    expect(problem.fieldPath).toBe('records[17].opcode');
    expect(problem.message).toMatch(/: records\[17\]\.opcode: expected a number 0–15 \(line 20\)$/);
    expect(renderMessage(createTranslate('zh-CN'), problem.i18n!)).toMatch(/第 20 行的字段有误：records\[17\]\.opcode：应为 0–15 的数字$/);
  });

  it('names the field in a document that is not in the line layout', async () => {
    const document = JSON.parse(await goodText()) as { records: Record<string, unknown>[] };
    delete document.records[5]?.fin;
    const problem = await problemFor(JSON.stringify(document, null, 2));
    expect(problem.message).toMatch(/: records\[5\]\.fin: missing; expected true or false$/);
    expect(renderMessage(createTranslate('zh-CN'), problem.i18n!)).toMatch(/：records\[5\]\.fin：缺失；应为 true 或 false$/);
  });

  it('words a document whose records or wire are not lists in the reader\'s language', async () => {
    const document = JSON.parse(await goodText()) as Record<string, unknown>;
    const chinese = createTranslate('zh-CN');
    const notList = await problemFor(JSON.stringify({ ...document, records: 5 }, null, 2));
    expect(notList.fieldPath).toBe('records');
    expect(notList.message).toMatch(/: records: expected a list of records$/);
    expect(renderMessage(chinese, notList.i18n!)).toMatch(/：records：应为记录列表$/);
    const missing = await problemFor(JSON.stringify({ ...document, records: undefined }, null, 2));
    expect(renderMessage(chinese, missing.i18n!)).toMatch(/：records：缺失；应为记录列表$/);
    const wire = await problemFor(JSON.stringify({ ...document, wire: 'none' }, null, 2));
    expect(wire.fieldPath).toBe('wire');
    expect(renderMessage(chinese, wire.i18n!)).toMatch(/：wire：应为 \[atMicros, direction, byteLength\] 的列表$/);
  });

  it('names bad header fields, wire chunks and broken cross-field rules', async () => {
    const good = await goodText();
    const cases: [string, string, RegExp][] = [
      ['"iso":"2025-03-01T12:00:00.000Z"', '"iso":"yesterday"', /created\.iso: expected an ISO 8601 UTC time/],
      ['"targetUrl":"wss://example.test/feed?room=1"', '"targetUrl":7', /targetUrl: expected a string \(line 1\)/],
      ['[950,"in",129]', '[950,"sideways",129]', /wire\[1\]\[1\]: expected "in" or "out"/],
      ['{"kind":"frame","seq":6,', '{"kind":"frame","seq":9,', /records\[6\]\.seq: expected 6; records are numbered from 0/],
      ['"payloadLength":100,', '"payloadLength":0,', /records\[34\]\.payload: holds 1 byte, more than payloadLength 0/],
      ['"kind":"event","seq":1,', '"kind":"evnt","seq":1,', /records\[1\]\.kind: expected a record object with kind "handshake", "frame" or "event"/],
      ['"statusCode":101', '"statusCode":"101"', /: handshake\.response\.statusCode: expected a number 0–999 \(line 1\)$/],
    ];
    for (const [from, to, expected] of cases) {
      expect(good.includes(from)).toBe(true);
      expect((await problemFor(good.replace(from, to))).message).toMatch(expected);
    }
  });

  it('names the first field of a frame that disagrees with its own bytes, with its line', async () => {
    const lines = (await goodText()).split('\n');
    // records[17] is on line 20; its header bytes say FIN is set.
    lines[19] = (lines[19] as string).replace('"fin":true', '"fin":false');
    const problem = await problemFor(lines.join('\n'));
    expect(problem.fieldPath).toBe('records[17].fin');
    expect(problem.message).toMatch(/: records\[17\]\.fin: expected true, as the FIN bit in headerBytes says \(line 20\)$/);
    expect(renderMessage(createTranslate('en'), problem.i18n!)).toBe(problem.message);
    expect(renderMessage(createTranslate('zh-CN'), problem.i18n!)).toMatch(/第 20 行的字段有误：records\[17\]\.fin：应为 true，与 headerBytes 中的 FIN 位一致$/);
  });

  it('words the rules a schema cannot state in the reader\'s language, field path as written', async () => {
    const good = await goodText();
    const chinese = createTranslate('zh-CN');
    const cases: [string, string, RegExp, RegExp][] = [
      ['{"kind":"frame","seq":6,', '{"kind":"frame","seq":9,', /: records\[6\]\.seq: expected 6; records are numbered from 0 in file order \(line \d+\)$/, /records\[6\]\.seq：应为 6；记录按文件中的顺序从 0 开始编号$/],
      ['"payloadLength":100,', '"payloadLength":0,', /: records\[34\]\.payload: holds 1 byte, more than payloadLength 0 \(line 37\)$/, /第 37 行的字段有误：records\[34\]\.payload：有 1 字节，超过了 payloadLength 0$/],
      ['"version":1,', '"version":2,', /: version: this file is format version 2; this Frameline reads version 1, so update Frameline to open it/, /version：此文件的格式版本为 2，而这个 Frameline 只能读取版本 1，请升级 Frameline 后再打开$/],
    ];
    for (const [from, to, english, zh] of cases) {
      expect(good.includes(from)).toBe(true);
      const problem = await problemFor(good.replace(from, to));
      expect(problem.message).toMatch(english);
      expect(renderMessage(createTranslate('en'), problem.i18n!)).toBe(problem.message);
      expect(renderMessage(chinese, problem.i18n!)).toMatch(zh);
    }
  });

  it('refuses a newer format version and anything that is not a capture', async () => {
    const good = await goodText();
    const newer = await problemFor(good.replace('"version":1,', '"version":2,'));
    expect(newer.fieldPath).toBe('version');
    expect(newer.message).toMatch(/version: this file is format version 2; this Frameline reads version 1/);
    expect((await problemFor(good.replace('"version":1,', '"version":"1",'))).message).toMatch(/: version: expected 1 \(line 1\)$/);
    expect((await problemFor('{"log":{"version":"1.2","entries":[]}}')).message).toMatch(/: format: missing; expected "frameline-capture"; this is not a Frameline capture$/);
    expect((await problemFor('[1,2,3]')).message).toMatch(/expected a JSON object with a Frameline capture header$/);
  });

  it('gives the byte offset of broken JSON, in bytes not characters', async () => {
    const good = await goodText();
    const marker = '{"kind":"frame","seq":20,';
    const at = good.indexOf(marker) + marker.length;
    const broken = `${good.slice(0, at)}#${good.slice(at)}`;
    const problem = await problemFor(broken);
    // The header and records before it hold "☃" (3 bytes in UTF-8, 1 character), so bytes ≠ characters here.
    const expectedOffset = Buffer.byteLength(good.slice(0, at));
    expect(expectedOffset).toBeGreaterThan(at);
    expect(problem.byteOffset).toBe(expectedOffset);
    expect(problem.message).toMatch(new RegExp(`: broken JSON at byte ${expectedOffset} \\(line 23, column \\d+\\): `));
  });

  it('says a cut file is truncated, wherever it was cut', async () => {
    const good = Buffer.from(await goodText());
    for (const cut of [good.length - 2, good.length - 4, Math.floor(good.length / 2), good.indexOf('\n"records"') + 1, 30]) {
      const problem = await problemFor(good.subarray(0, cut), `cut-${cut}.frameline.json`);
      expect(problem.message).toMatch(/the JSON ends early at byte \d+; the file is truncated$/);
      expect(problem.byteOffset).toBeGreaterThanOrEqual(cut - 1);
      expect(problem.byteOffset).toBeLessThanOrEqual(cut);
    }
  });

  it('points at the line when a file too large to parse whole breaks the layout', async () => {
    const lines = (await goodText()).split('\n');
    lines[9] = `${lines[9]} `.replace('{', '{ ');
    lines[9] = (lines[9] as string).replace(',"fin"', ',,"fin"');
    const path = join(folder, 'large.frameline.json');
    writeFileSync(path, lines.join('\n'));
    const result = await readCapture({ path }, { maxWholeDocumentBytes: 100 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toMatch(/line 10 \(byte \d+\) breaks the line layout Frameline writes/);
  });

  it('reports a missing file without throwing', async () => {
    const result = await readCapture({ path: join(folder, 'nowhere.frameline.json') });
    expect(result.ok ? '' : result.problem.message).toMatch(/nowhere\.frameline\.json: cannot be read \(ENOENT/);
  });
});

describe('native capture file with a byte order mark', () => {
  it('reads in the line layout and in any other layout', async () => {
    const good = (await exported(richLog(), 'bom-source.frameline.json')).bytes.toString('utf8');
    for (const [name, text] of [['bom-lines.frameline.json', `\uFEFF${good}`], ['bom-whole.frameline.json', `\uFEFF${JSON.stringify(JSON.parse(good), null, 1)}`]] as const) {
      const path = join(folder, name);
      writeFileSync(path, text);
      expect(track(await readCapture({ path })).count).toBe(40);
    }
  });
});
