import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// frameline run of scenario files it cannot read: the problem is worded in the reader's language,
// the file named as given, and the JSON report keeps the English.
describe('frameline run of an unreadable scenario file, in the reader’s language', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'frameline-run-lang-'));
  });
  afterAll(async () => rm(folder, { recursive: true, force: true }));

  it('says a missing file does not exist in Chinese under --lang zh-CN, and in English without', async () => {
    const path = join(folder, 'missing.json');
    const zh = await runCli(['run', path, '--lang', 'zh-CN']);
    expect(zh.status).toBe(1);
    expect(zh.stdout).toContain(`  ${path}：文件不存在\n`);
    expect(zh.stdout).not.toContain('does not exist');
    const en = await runCli(['run', path, '--lang', 'en']);
    expect(en.stdout).toContain(`  ${path}: the file does not exist\n`);
  });

  it('words a file that is not JSON in Chinese, keeping the parser’s detail as written', async () => {
    const path = join(folder, 'broken.json');
    await writeFile(path, '{ not json');
    const run = await runCli(['run', path, '--lang', 'zh-CN']);
    expect(run.stdout).toMatch(new RegExp(`  ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}：不是有效的 JSON：\\S`));
  });

  it('keeps the --reporter json report in English under --lang zh-CN', async () => {
    const path = join(folder, 'missing.json');
    const run = await runCli(['run', path, '--reporter', 'json', '--lang', 'zh-CN']);
    expect(run.stdout).toContain('the file does not exist');
    expect(run.stdout).not.toContain('文件不存在');
  });
});
