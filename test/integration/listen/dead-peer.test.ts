import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runListen } from '../../../electron/cli/listen-command.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { eventually } from '../../harness/eventually.js';
import { freePort } from '../../harness/free-port.js';
import { startVanishingClient } from '../../harness/vanishing-client.js';

/**
 * A client that vanished without a FIN, seen from the server (issue 18): the real `ws` client in
 * its own process, frozen with SIGSTOP after it said hello. Its kernel keeps the TCP connection
 * (and acknowledges our pings), so only a WebSocket heartbeat can tell it is gone.
 */
async function listenWith(flags: readonly string[]): Promise<{ url: string; output: () => string; stop: () => Promise<number> }> {
  const port = await freePort();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let printed = '';
  stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const listening = runListen([`127.0.0.1:${port}`, ...flags], { stdin: new PassThrough(), stdout, stderr, isStdinTerminal: false }, createTranslate('en'), stopped);
  await eventually(() => (printed.includes('Listening on') ? true : undefined), 'the listener to start');
  return { url: `ws://127.0.0.1:${port}/`, output: () => printed, stop: async () => (stop(), listening) };
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
