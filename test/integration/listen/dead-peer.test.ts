import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runListen } from '../../../electron/cli/listen-command.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { eventually } from '../../harness/eventually.js';
import { freePort } from '../../harness/free-port.js';
import { startVanishingClient } from '../../harness/vanishing-client.js';
import { createNamespacePair } from '../../harness/network-namespace.js';
import { requirePeer } from '../../harness/require-peer.js';

const netns = requirePeer('netns');

/**
 * A client that vanished without a FIN, seen from the server (issue 18): the real `ws` client in
 * its own process, frozen with SIGSTOP after it said hello. Its kernel keeps the TCP connection
 * (and acknowledges our pings), so only a WebSocket heartbeat can tell it is gone.
 */
async function listenWith(flags: readonly string[], host = '127.0.0.1'): Promise<{ url: string; output: () => string; stop: () => Promise<number> }> {
  const port = await freePort();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let printed = '';
  stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const listening = runListen([`${host}:${port}`, ...flags], { stdin: new PassThrough(), stdout, stderr, isStdinTerminal: false }, createTranslate('en'), stopped);
  await eventually(() => (printed.includes('Listening on') ? true : undefined), 'the listener to start');
  return { url: `ws://${host}:${port}/`, output: () => printed, stop: async () => (stop(), listening) };
}

describe('listen mode and a client that vanished without a FIN', () => {
  it('with --ping-interval 0.5 --pong-timeout 1 the frozen client is dropped, and the report says how long it was silent', async () => {
    const server = await listenWith(['--ping-interval', '0.5', '--pong-timeout', '1']);
    const client = await startVanishingClient(server.url);
    try {
      await eventually(() => (/text.*hello/.test(server.output()) ? true : undefined), 'the client to say hello');
      client.freeze();
      await eventually(() => (server.output().includes('last heard') ? true : undefined), 'the frozen client to be dropped');
      const output = server.output();
      expect(output).toContain('(by=server how=timeout)');
      expect(output).toContain('no pong within 1000 ms of our ping: the peer is presumed dead');
      const silent = Number(/the client was last heard ([\d.]+) s before this end/.exec(output)?.[1]);
      // Frozen between two pings: the next ping comes within 0.5 s, the drop 1 s after it; answered pings before the freeze count as heard.
      expect(silent, output).toBeGreaterThanOrEqual(1.0);
      expect(silent, output).toBeLessThanOrEqual(2.5);
    } finally {
      await client.stop();
      await server.stop();
    }
  });

  it('without a heartbeat the frozen client stays connected, and stopping says for how long nothing was heard', async () => {
    const server = await listenWith([]);
    const client = await startVanishingClient(server.url);
    try {
      await eventually(() => (/text.*hello/.test(server.output()) ? true : undefined), 'the client to say hello');
      client.freeze();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(server.output()).not.toContain('· closed');
      await server.stop();
      const output = server.output();
      const silent = Number(/connection 1 is still connected: nothing heard from the client for ([\d.]+) s/.exec(output)?.[1]);
      expect(silent, output).toBeGreaterThanOrEqual(1.9);
      expect(output).toContain('a client that vanished without a FIN (killed, network cut) stays connected like this forever');
    } finally {
      await client.stop();
    }
  });
});

/**
 * The same, with the network gone instead of the program: the client runs in a network namespace
 * of its own, joined by a veth pair whose far end is then downed. Nothing reaches the client and
 * nothing comes back (our pings are retransmitted into the void), with no FIN and no RST.
 */
describe.skipIf(!netns.isAvailable)('listen mode and a client whose network vanished (network namespace, link down)', () => {
  it('with a heartbeat the client is dropped after the pong timeout; without one it stays connected', async () => {
    const pair = createNamespacePair();
    try {
      const withHeartbeat = await listenWith(['--ping-interval', '0.5', '--pong-timeout', '1'], pair.hostAddress);
      const withoutHeartbeat = await listenWith([], pair.hostAddress);
      const first = await startVanishingClient(withHeartbeat.url, pair.execPrefix);
      const second = await startVanishingClient(withoutHeartbeat.url, pair.execPrefix);
      try {
        await eventually(() => (/text.*hello/.test(withHeartbeat.output()) && /text.*hello/.test(withoutHeartbeat.output()) ? true : undefined), 'both clients to say hello');
        pair.cut();
        await eventually(() => (withHeartbeat.output().includes('last heard') ? true : undefined), 'the cut-off client to be dropped');
        const silent = Number(/the client was last heard ([\d.]+) s before this end/.exec(withHeartbeat.output())?.[1]);
        expect(withHeartbeat.output()).toContain('(by=server how=timeout)');
        expect(silent, withHeartbeat.output()).toBeGreaterThanOrEqual(0.9);
        expect(silent, withHeartbeat.output()).toBeLessThanOrEqual(2.5);
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(withoutHeartbeat.output()).not.toContain('· closed');
        await withoutHeartbeat.stop();
        expect(withoutHeartbeat.output()).toMatch(/connection 1 is still connected: nothing heard from the client for [\d.]+ s/);
      } finally {
        await Promise.all([first.stop(), second.stop()]);
        await withHeartbeat.stop();
      }
    } finally {
      pair.remove();
    }
  });
});
