import { PassThrough } from 'node:stream';
import { JsonHubProtocol } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { describe, expect, it } from 'vitest';
import { runListen } from '../../../electron/cli/listen-command.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { eventually } from '../../harness/eventually.js';
import { freePort } from '../../harness/free-port.js';
import { runSignalrClient } from '../../harness/signalr-client.js';

// frameline listen --protocol: what Microsoft's SignalR client (@microsoft/signalr, JSON and
// MessagePack hub protocols) sends to Frameline as the server, printed in SignalR terms.

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

describe('frameline listen --protocol with Microsoft’s SignalR client', () => {
  it('detects the hub handshake and prints each invocation under its frame (JSON hub protocol)', async () => {
    const server = await listenWith(['--echo', '--protocol', 'auto']);
    try {
      await runSignalrClient(`${server.url}chathub`, new JsonHubProtocol());
      await eventually(() => (server.output().includes('closed') ? true : undefined), 'the connection to close');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const output = server.output();
    expect(output).toContain('≡ application protocol: SignalR (the client opened with a SignalR hub handshake)');
    expect(output).toMatch(/→ text .*\{"protocol":"json","version":1\}.*\n.*≡ application protocol: SignalR.*\n\s+≡ #1 signalr handshake json v1\n/);
    expect(output).toMatch(/≡ #\d+ signalr Invocation SendMessage/);
    expect(output).toMatch(/≡ #\d+ signalr StreamInvocation Counter/);
    expect(output).toMatch(/≡ #\d+ signalr Completion .*· completes #\d+/);
  });

  it('prints protocol records with --json for the MessagePack hub protocol', async () => {
    const server = await listenWith(['--echo', '--protocol', 'signalr', '--json']);
    try {
      await runSignalrClient(`${server.url}chathub`, new MessagePackHubProtocol());
      await eventually(() => (server.output().includes('"name":"closed"') ? true : undefined), 'the connection to close');
    } finally {
      await server.stop();
    }
    const records = server.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { kind: string; connection?: number; protocol?: { messages: { direction: string; kind: string; tree: { target?: string; arguments?: unknown } }[] } });
    const sent = records.filter((record) => record.kind === 'protocol').flatMap((record) => record.protocol!.messages).filter((message) => message.direction === 'out');
    expect(sent[0]?.kind).toBe('handshake');
    expect(sent.find((message) => message.tree.target === 'SendMessage')?.tree.arguments).toEqual(['ann', { text: 'héllo', n: 2 }]);
    expect(records.filter((record) => record.kind === 'protocol').every((record) => record.connection === 1)).toBe(true);
  });

  it('refuses a protocol it does not know', async () => {
    await expect(runListen(['127.0.0.1:1', '--protocol', 'xmpp'], { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), isStdinTerminal: false }, createTranslate('en'), Promise.resolve())).rejects.toMatchObject({ name: 'UsageError', text: { key: 'cli:error.protocol', values: { value: 'xmpp' } } });
  });
});
