import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
