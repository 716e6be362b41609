import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../electron/app-paths.js';
import { createTempDir } from '../../harness/temp-dir.js';

/** Runs a script in a fresh Node process (TypeScript through tsx), bounded to 20 s. */
function runScript(source: string): Promise<{ code: number | null; output: string }> {
  const file = temp.file(`script-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: packageRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const temp = createTempDir('process-guard');
const guard = JSON.stringify(join(packageRoot(), 'electron', 'process-guard.ts'));

describe('the process guard of frameline ui and the Electron main process', () => {
  afterAll(() => temp.remove());

  it('logs an unhandled exception and rejection and keeps the process serving', async () => {
    const result = await runScript(`
      import { createServer } from 'node:http';
      import { installProcessGuard } from ${guard};
      installProcessGuard((line) => console.log(line.split('\\n')[0]));
      const server = createServer((_request, response) => response.end('served'));
      server.listen(0, '127.0.0.1', async () => {
        setTimeout(() => { throw new Error('thrown in a timer'); }, 0);
        void Promise.reject(new Error('rejected, never awaited'));
        await new Promise((resolve) => setTimeout(resolve, 100));
        const port = (server.address() as { port: number }).port;
        console.log(await (await fetch('http://127.0.0.1:' + port + '/')).text());
        server.close();
      });
    `);
    expect(result.output).toContain('frameline: unhandled exception (kept running): Error: thrown in a timer');
    expect(result.output).toContain('frameline: unhandled rejection (kept running): Error: rejected, never awaited');
    expect(result.output).toContain('served');
    expect(result.code).toBe(0);
  });

  it('stops reporting after 20 failures a minute instead of flooding the log', async () => {
    const result = await runScript(`
      import { installProcessGuard } from ${guard};
      installProcessGuard((line) => console.log(line.split('\\n')[0]));
      for (let i = 0; i < 500; i++) void Promise.reject(new Error('flood ' + i));
      setTimeout(() => console.log('done'), 100);
    `);
    expect(result.output.match(/unhandled rejection/g)).toHaveLength(20);
    expect(result.output).toContain('done');
  });

  it('without the guard, the same rejection ends the process (the failure it prevents)', async () => {
    const result = await runScript(`void Promise.reject(new Error('rejected, never awaited')); setTimeout(() => console.log('survived'), 100);`);
    expect(result.code).not.toBe(0);
    expect(result.output.split('\n')).not.toContain('survived');
  });
});
