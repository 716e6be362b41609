import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startProcessPeer } from '../../harness/process-peer.js';

describe('process peer lifecycle', () => {
  it('waits for the ready line and stops the whole process group', async () => {
    const peer = await startProcessPeer({
      name: 'sleeper',
      command: '/bin/sh',
      args: ['-c', 'sleep 30 & echo "ready child=$!"; wait'],
      ready: { line: /ready child=(\d+)/ },
    });
    const childPid = Number(peer.readyMatch?.[1]);
    expect(isAlive(childPid)).toBe(true);
    await peer.stop();
    expect(await isGoneWithin(childPid, 2_000)).toBe(true);
  });

  it('fails with the output when the process exits before it is ready', async () => {
    await expect(
      startProcessPeer({ name: 'broken', command: '/bin/sh', args: ['-c', 'echo "bad config line 3" >&2; exit 1'], ready: { line: /never/ } }),
    ).rejects.toThrow(/broken exited before it was ready \(exit code 1\)[\s\S]*bad config line 3/);
  });

  it('fails after the start timeout when the port never opens', async () => {
    await expect(
      startProcessPeer({ name: 'slow', command: '/bin/sh', args: ['-c', 'sleep 30'], ready: { port: 1 }, startTimeoutMs: 300 }),
    ).rejects.toThrow(/slow was not ready within 300 ms|nothing accepted connections/);
  });
});

/** Running and not a zombie (an orphan killed with its group waits for init to reap it). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function isGoneWithin(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
