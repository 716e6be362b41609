import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { CliRun } from './run-cli.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Bundles the CLI entry exactly as scripts/build-node.mjs does for `npm run build`, so the real binary runs this tree. */
export async function buildCliBundle(): Promise<void> {
  await build({
    entryPoints: [`${root}electron/cli.ts`],
    outfile: `${root}dist/electron/cli.js`,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

/** Runs `node bin/frameline.js ARGV` from the repository root, `stdin` piped in, killed after `timeoutMs`. */
export function runBin(argv: readonly string[], timeoutMs = 20_000, stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/frameline.js', ...argv], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.end(stdin);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status: status ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
