import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWsServer } from '../../harness/ws-server.js';
import { runCli } from './run-cli.js';

describe('frameline convert of a capture that cannot be opened, in the reader’s language', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'frameline-convert-lang-'));
  });
  afterAll(async () => rm(folder, { recursive: true, force: true }));

  const cutText = '{"format":"frameline-capture","version":1,"records":[';
  const cut = async (): Promise<string> => {
    const path = join(folder, 'cut.frameline.json');
    await writeFile(path, cutText);
    return path;
  };

  it('says a truncated file is truncated in Chinese with --lang zh-CN, naming the file and the byte', async () => {
    const path = await cut();
    const run = await runCli(['convert', path, '--to', 'har', '--lang', 'zh-CN']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`frameline: ${path}：JSON 在第 ${Buffer.byteLength(cutText)} 字节处提前结束，文件不完整\n`);
  });

  it('says the same in English without --lang zh-CN', async () => {
    const path = await cut();
    const run = await runCli(['convert', path, '--to', 'har', '--lang', 'en']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`frameline: ${path}: the JSON ends early at byte ${Buffer.byteLength(cutText)}; the file is truncated\n`);
  });

  it('words a bad field’s sentence in Chinese and keeps the field path as written', async () => {
    const path = join(folder, 'list.frameline.json');
    await writeFile(path, '[1, 2, 3]');
    const run = await runCli(['convert', path, '--to', 'har', '--lang', 'zh-CN']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`frameline: ${path}：应为带 Frameline 抓包头的 JSON 对象\n`);
  });
});

describe('frameline convert of a real capture edited by hand, in the reader’s language', () => {
  let folder: string;
  let native: string;
  let har: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'frameline-convert-edited-'));
    const server = await startWsServer();
    try {
      native = join(folder, 'echo.frameline.json');
      const connect = await runCli(['connect', server.url, '--send', 'hello', '--ping', '', '--wait', '0.2', '--capture', native]);
      expect(connect.status, connect.stderr).toBe(0);
    } finally {
      await server.stop();
    }
    har = join(folder, 'echo.har');
    const convert = await runCli(['convert', native, '--to', 'har', '-o', har, '--no-redact']);
    expect(convert.status, convert.stderr).toBe(0);
  });
  afterAll(async () => rm(folder, { recursive: true, force: true }));

  // The first frame line's FIN flipped, so it disagrees with its own headerBytes; its line and record index.
  const flippedFin = async (): Promise<{ path: string; line: number; seq: number }> => {
    const lines = (await readFile(native, 'utf8')).split('\n');
    const index = lines.findIndex((line) => line.includes('"kind":"frame"') && line.includes('"fin":true'));
    expect(index).toBeGreaterThan(0);
    const seq = (JSON.parse((lines[index] as string).replace(/,$/, '')) as { seq: number }).seq;
    lines[index] = (lines[index] as string).replace('"fin":true', '"fin":false');
    const path = join(folder, 'flipped.frameline.json');
    await writeFile(path, lines.join('\n'));
    return { path, line: index + 1, seq };
  };

  it('says in Chinese which frame field disagrees with its header bytes, field names as written', async () => {
    const { path, line, seq } = await flippedFin();
    const run = await runCli(['convert', path, '--to', 'har', '--lang', 'zh-CN']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`frameline: ${path} 第 ${line} 行的字段有误：records[${seq}].fin：应为 true，与 headerBytes 中的 FIN 位一致\n`);
  });

  it('says the same in English with --lang en', async () => {
    const { path, line, seq } = await flippedFin();
    const run = await runCli(['convert', path, '--to', 'har', '--lang', 'en']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`frameline: ${path}: records[${seq}].fin: expected true, as the FIN bit in headerBytes says (line ${line})\n`);
  });

  it('says in Chinese which HAR field is bad, its path as written', async () => {
    const document = JSON.parse(await readFile(har, 'utf8')) as { log: { entries: { _webSocketMessages: Record<string, unknown>[] }[] } };
    const messages = document.log.entries[0]!._webSocketMessages;
    expect(messages.length).toBeGreaterThan(0);
    messages[0]!['opcode'] = 'text';
    const path = join(folder, 'bad-opcode.har');
    await writeFile(path, JSON.stringify(document, null, 2));
    const chinese = await runCli(['convert', path, '--to', 'json', '--lang', 'zh-CN']);
    expect(chinese.status).toBe(1);
    expect(chinese.stderr).toBe(`frameline: ${path} 中的字段有误：log.entries[0]._webSocketMessages[0].opcode：应为 0–15 的数字\n`);
    const english = await runCli(['convert', path, '--to', 'json', '--lang', 'en']);
    expect(english.stderr).toBe(`frameline: ${path}: log.entries[0]._webSocketMessages[0].opcode: expected a number 0–15\n`);
  });

  it('says in Chinese which HAR message disagrees with its own header bytes', async () => {
    const document = JSON.parse(await readFile(har, 'utf8')) as { log: { entries: { _webSocketMessages: Record<string, unknown>[] }[] } };
    const first = document.log.entries[0]!._webSocketMessages[0]!;
    first['_fin'] = !(first['_fin'] as boolean);
    const path = join(folder, 'flipped.har');
    await writeFile(path, JSON.stringify(document));
    const run = await runCli(['convert', path, '--to', 'json', '--lang', 'zh-CN']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`frameline: ${path} 中的字段有误：log.entries[0]._webSocketMessages[0]._fin：应为 ${String(!first['_fin'])}，与 headerBytes 中的 FIN 位一致\n`);
  });
});
