import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts a Node script that writes files in a loop and resolves once it prints its first line on
 * stdout (it has begun writing), for the tests that kill writers midway (issue 19); `what` names
 * it in the error if it exits before that.
 */
export function startWritingProcess(script: string, args: readonly string[], what: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`the ${what} exited (${code ?? signal}) before writing: ${errors}`)));
    child.stdout!.once('data', () => {
      child.removeAllListeners('exit');
      resolve(child);
    });
  });
}

/** Kills `child` with SIGKILL and resolves once it has exited. */
export function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
