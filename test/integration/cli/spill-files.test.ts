import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import { createTempDir, type TempDir } from '../../harness/temp-dir.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// 600 binary messages of 2 KiB on connect: far past a 64 KiB memory budget, so payloads spill.
const flood = Array.from({ length: 600 }, (_, index) => new Uint8Array(2048).fill(index & 0xff));

let server: WsServerPeer;
let temp: TempDir;
const children: ChildProcess[] = [];
beforeAll(async () => {
  server = await startWsServer({ messagesOnConnect: flood, isEcho: false });
  temp = createTempDir('spill-files');
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(async () => {
  await server.stop();
  temp.remove();
});

function spillFolders(directory: string): string[] {
  return existsSync(directory) ? readdirSync(directory).filter((name) => name.startsWith('frameline-capture-')) : [];
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `frameline connect` with its temp folder in `tmp`, a 64 KiB memory budget, reading stdin lines until it ends. */
function connect(tmp: string): { child: ChildProcess; exited: Promise<number | string> } {
  const child = spawn(process.execPath, ['bin/frameline.js', 'connect', server.url, '--json', '--memory-budget', '65536'], {
    cwd: root,
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, exited };
}

function freshTmp(name: string): string {
  const path = temp.file(name);
  mkdirSync(path);
  return path;
}

describe('capture spill files', () => {
  it('are removed when frameline connect ends normally', async () => {
    const tmp = freshTmp('clean-exit');
    const { child, exited } = connect(tmp);
    await waitFor(() => spillFolders(tmp).length === 1, 'the capture to spill');
    child.stdin!.end();
    expect(await exited).toBe(0);
    expect(spillFolders(tmp)).toEqual([]);
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('are removed when frameline connect gets %s', async (signal, status) => {
    const tmp = freshTmp(`signal-${signal}`);
    const { child, exited } = connect(tmp);
    await waitFor(() => spillFolders(tmp).length === 1, 'the capture to spill');
    child.kill(signal);
    expect(await exited).toBe(status);
    expect(spillFolders(tmp)).toEqual([]);
  });

  it('a crash leaves for the next start to sweep', async () => {
    const tmp = freshTmp('crash');
    const { child, exited } = connect(tmp);
    await waitFor(() => spillFolders(tmp).length === 1, 'the capture to spill');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(spillFolders(tmp)).toHaveLength(1);
    const next = spawn(process.execPath, ['bin/frameline.js', '--version'], { cwd: root, env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
    await new Promise((resolve) => next.on('exit', resolve));
    expect(spillFolders(tmp)).toEqual([]);
  });

  it('are removed by engine.dispose()', async () => {
    const tmp = freshTmp('engine');
    const engine = new FramelineEngine({
      dataDirectory: join(tmp, 'data'),
      captureBudgets: { payloadMemoryBudgetBytes: 65_536, spillDirectory: tmp },
    });
    await engine.run('openSession', [{ url: server.url }]);
    await waitFor(() => spillFolders(tmp).length === 1, 'the capture to spill');
    await engine.dispose();
    expect(spillFolders(tmp)).toEqual([]);
  });
});
