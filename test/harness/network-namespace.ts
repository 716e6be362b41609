import { spawnSync } from 'node:child_process';
import { findExecutable } from './find-executable.js';

/**
 * A network namespace joined to this one by a veth pair (a /30 of our own, inside namespaces this
 * test made), so a client in it can vanish without a FIN: `cut()` downs its end of the link and
 * every packet either way is lost, as when a device loses its network. Needs root and `ip`.
 */
export interface NamespacePair {
  /** The namespace's name, for `ip netns exec`. */
  readonly name: string;
  /** Our end's address (listen here). */
  readonly hostAddress: string;
  /** The client's address inside the namespace. */
  readonly clientAddress: string;
  /** The command prefix that runs a program inside the namespace. */
  readonly execPrefix: readonly string[];
  /** Downs the namespace's end of the link: nothing more gets through, and nobody is told. */
  cut(): void;
  /** Deletes the namespace and the link; safe to call twice. */
  remove(): void;
}

let created = 0;

/** Creates a namespace and its link with fresh names and addresses. */
export function createNamespacePair(): NamespacePair {
  const ip = findExecutable('ip') ?? 'ip';
  created += 1;
  const tag = `${process.pid % 100000}${created}`;
  const name = `frameline-${tag}`;
  const host = `fl${tag}a`;
  const peer = `fl${tag}b`;
  // One /30 per pair: 10.213.<pid-derived>.<4n>; only these two addresses exist on the link.
  const octet = (process.pid + created) % 250;
  const base = (created % 60) * 4;
  const hostAddress = `10.213.${octet}.${base + 1}`;
  const clientAddress = `10.213.${octet}.${base + 2}`;
  const run = (...args: string[]): void => {
    const result = spawnSync(ip, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`ip ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
  };
  let isRemoved = false;
  const remove = (): void => {
    if (isRemoved) return;
    isRemoved = true;
    spawnSync(ip, ['link', 'del', host]);
    spawnSync(ip, ['netns', 'del', name]);
  };
  try {
    run('netns', 'add', name);
    run('link', 'add', host, 'type', 'veth', 'peer', 'name', peer);
    run('link', 'set', peer, 'netns', name);
    run('addr', 'add', `${hostAddress}/30`, 'dev', host);
    run('link', 'set', host, 'up');
    run('netns', 'exec', name, ip, 'addr', 'add', `${clientAddress}/30`, 'dev', peer);
    run('netns', 'exec', name, ip, 'link', 'set', peer, 'up');
    run('netns', 'exec', name, ip, 'link', 'set', 'lo', 'up');
  } catch (error) {
    remove();
    throw error;
  }
  return {
    name,
    hostAddress,
    clientAddress,
    execPrefix: [ip, 'netns', 'exec', name],
    cut: () => run('netns', 'exec', name, ip, 'link', 'set', peer, 'down'),
    remove,
  };
}

/** Whether namespaces can be made here: null when they can, else why not (for the skip list). */
export function namespaceUnavailableReason(): string | null {
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  const ip = findExecutable('ip');
  if (!ip) return 'ip (iproute2) not found on PATH or in /usr/sbin';
  const name = `frameline-check-${process.pid}`;
  const added = spawnSync(ip, ['netns', 'add', name], { encoding: 'utf8' });
  if (added.status !== 0) return `ip netns add is not permitted here: ${(added.stderr || '').trim()}`;
  spawnSync(ip, ['netns', 'del', name]);
  return null;
}
