import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runListen } from '../../../electron/cli/listen-command.js';
import type { ListenConnection } from '../../../electron/engine/listen/listen-connection.js';
import { Listener, type ListenerOptions } from '../../../electron/engine/listen/listener.js';
import type { SendRequest } from '../../../shared/contract/api-send.js';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { eventually } from '../../harness/eventually.js';
import { freePort } from '../../harness/free-port.js';
import { startPythonWsClient } from '../../harness/python-ws-client.js';
import { requirePeer } from '../../harness/require-peer.js';
import { connectWs } from '../../harness/ws-client.js';

const pythonWebsockets = requirePeer('python-websockets');

/** What the server sends to every client in these tests: a compressed text, then a crafted text in three unmasked fragments. */
const crafted: SendRequest = { type: 'frame', opcode: 1, fin: true, rsv1: false, rsv2: false, rsv3: false, mask: 'none', payload: Buffer.from('crafted by hand').toString('base64'), fragmentSize: 5 };

async function withListener<T>(options: ListenerOptions, body: (url: string, connections: ListenConnection[]) => Promise<T>): Promise<T> {
  const listener = new Listener(options);
  const connections: ListenConnection[] = [];
  listener.onDidAccept((connection) => connections.push(connection));
  const address = await listener.start();
  try {
    return await body(address.url, connections);
  } finally {
    await listener.stop();
  }
}

function frames(connection: ListenConnection): FrameRecordJson[] {
  return Array.from({ length: connection.capture.count }, (_, seq) => connection.capture.getRecordJson(seq)).filter((record): record is FrameRecordJson => record.kind === 'frame');
}

const text = (base64: string | undefined): string => Buffer.from(base64 ?? '', 'base64').toString();

/** Waits until the listened connection is open (its 101 sent), so it can be driven. */
async function opened(connections: ListenConnection[]): Promise<ListenConnection> {
  return eventually(() => (connections[0]?.state === 'open' ? connections[0] : undefined), 'the listened connection opening');
}

describe('a listener that answers like a server: the subprotocol and permessage-deflate it accepts', () => {
  it('without accepting any subprotocol, a ws client requiring chat.v1 fails the connection (what the issue saw)', async () => {
    await withListener({ port: 0 }, async (url) => {
      await expect(connectWs(url, { protocols: ['chat.v1'] })).rejects.toThrow(/no subprotocol/i);
    });
  });

  it('selects chat.v1 for the ws client, agrees to permessage-deflate, and is driven: a compressed text, a crafted fragmented text, close 4001', async () => {
    await withListener({ port: 0, subprotocols: ['chat.v2', 'chat.v1'], isDeflateAccepted: true }, async (url, connections) => {
      const client = await connectWs(url, { protocols: ['chat.v1', 'superchat'], perMessageDeflate: true });
      expect(client.socket.protocol).toBe('chat.v1');
      expect(client.socket.extensions).toContain('permessage-deflate');
      client.socket.send('from the client');
      const connection = await opened(connections);
      expect(connection.capture.header.subprotocol).toBe('chat.v1');
      expect(connection.capture.header.extensions.map((extension) => extension.name)).toEqual(['permessage-deflate']);

      connection.send({ type: 'text', data: 'hello from the server' });
      connection.send(crafted);
      const received = await client.nextMessages(2);
      expect(received.map((message) => message.data.toString())).toEqual(['hello from the server', 'crafted by hand']);
      connection.close(4001, 'done here');
      expect(await client.closed()).toEqual({ code: 4001, reason: 'done here' });
      await connection.ended;

      const recorded = frames(connection);
      // The client's message arrived compressed and is recorded inflated too (RFC 7692 §7.2.2).
      const fromClient = recorded.find((frame) => frame.direction === 'out' && frame.opcode === 1)!;
      expect(fromClient).toMatchObject({ rsv1: true, masked: true });
      expect(text(fromClient.inflatedPayload)).toBe('from the client');
      const ours = recorded.filter((frame) => frame.direction === 'in');
      expect(ours[0]).toMatchObject({ opcode: 1, rsv1: true, masked: false });
      expect(text(ours[0]!.inflatedPayload)).toBe('hello from the server');
      expect(ours.slice(1, 4).map((frame) => [frame.opcode, frame.fin, frame.masked, text(frame.payload)])).toEqual([
        [1, false, false, 'craft'],
        [0, false, false, 'ed by'],
        [0, true, false, ' hand'],
      ]);
      expect(ours.find((frame) => frame.opcode === 8)).toMatchObject({ closeCode: 4001, closeReason: 'done here' });
      expect(connection.closed).toMatchObject({ by: 'server', how: 'close-frame', closeCode: 4001 });
    });
  });

  it('prefers its own order when a client offers several it accepts, and answers without a subprotocol when none match', async () => {
    await withListener({ port: 0, subprotocols: ['chat.v2', 'chat.v1'] }, async (url) => {
      const both = await connectWs(url, { protocols: ['chat.v1', 'chat.v2'] });
      expect(both.socket.protocol).toBe('chat.v2');
      both.socket.close();
      // ws fails a handshake whose answer carries no subprotocol when it offered some.
      await expect(connectWs(url, { protocols: ['mqtt'] })).rejects.toThrow(/no subprotocol/i);
    });
  });

  it.skipIf(!pythonWebsockets.isAvailable)('selects chat.v1 and permessage-deflate for a python3-websockets client, sends to it and closes it with 4001', async () => {
    await withListener({ port: 0, subprotocols: ['chat.v1'], isDeflateAccepted: true }, async (url, connections) => {
      const client = startPythonWsClient(url, { subprotocols: ['chat.v1'], send: ['from python'] });
      const connection = await opened(connections);
      await eventually(() => (frames(connection).some((frame) => frame.direction === 'out' && frame.opcode === 1) ? true : undefined), 'the python client message arriving');
      connection.send({ type: 'text', data: 'hello python' });
      connection.send(crafted);
      await eventually(() => (client.events.filter((event) => event.event === 'message').length >= 2 ? true : undefined), 'two messages at the python client');
      connection.close(4001, 'bye python');
      const events = await client.exited;
      expect(events[0]).toMatchObject({ event: 'open', subprotocol: 'chat.v1' });
      expect((events[0] as { extensions: string }).extensions).toMatch(/^permessage-deflate/);
      expect(events.filter((event) => event.event === 'message')).toEqual([
        { event: 'message', text: 'hello python' },
        { event: 'message', text: 'crafted by hand' },
      ]);
      expect(events[events.length - 1]).toEqual({ event: 'close', code: 4001, reason: 'bye python' });
      await connection.ended;
      const fromClient = frames(connection).find((frame) => frame.direction === 'out' && frame.opcode === 1)!;
      expect(fromClient.rsv1).toBe(true);
      expect(text(fromClient.inflatedPayload)).toBe('from python');
    });
  });
});

/** Runs `frameline listen` in-process; `stdin` is what the user types or pipes. */
function startListen(args: readonly string[], stdin = new PassThrough()) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let output = '';
  let errors = '';
  stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const ready = new Promise((resolve) => stderr.once('data', resolve));
  const running = runListen(args, { stdin, stdout, stderr, isStdinTerminal: false }, createTranslate('en'), stopped);
  return { ready, running, stop, stdin, output: () => output, errors: () => errors };
}

describe('frameline listen as a server you can drive', () => {
  it('--subprotocol, --deflate, --send and --close: every client gets chat.v1, the messages and the close code, and --json shows them from seq 0', async () => {
    const port = await freePort();
    const listen = startListen([`127.0.0.1:${port}`, '--subprotocol', 'chat.v1', '--deflate', '--send', 'welcome', '--ping', '--send-binary', '0102', '--close', '4000:scripted', '--json']);
    await listen.ready;
    for (let round = 0; round < 2; round += 1) {
      const client = await connectWs(`ws://127.0.0.1:${port}/`, { protocols: ['chat.v1'], perMessageDeflate: true });
      expect(client.socket.protocol).toBe('chat.v1');
      expect(client.socket.extensions).toContain('permessage-deflate');
      const [welcome, binary] = await client.nextMessages(2);
      expect(welcome!.data.toString()).toBe('welcome');
      expect([...binary!.data]).toEqual([1, 2]);
      expect(await client.closed()).toEqual({ code: 4000, reason: 'scripted' });
    }
    listen.stop();
    expect(await listen.running).toBe(0);
    const lines = listen.output().trim().split('\n').map((line) => JSON.parse(line) as { kind: string; seq?: number; name?: string; connection?: number; opcode?: number; direction?: string });
    for (const connection of [1, 2]) {
      const records = lines.filter((line) => line.connection === connection && line.kind !== 'request');
      expect(records[0]).toMatchObject({ kind: 'event', seq: 0, name: 'tcp-connected' });
      expect(records.map((line) => line.seq)).toEqual(records.map((_, index) => index));
      expect(records.filter((line) => line.kind === 'frame' && line.direction === 'in').map((line) => line.opcode)).toEqual([1, 9, 2, 8]);
    }
  });

  it('--interactive: a line typed before any client waits for the next connection; /frame is unmasked unless asked, /close sends the code, /quit stops', async () => {
    const port = await freePort();
    const stdin = new PassThrough();
    const listen = startListen([`127.0.0.1:${port}`, '--interactive', '--subprotocol', 'chat.v1'], stdin);
    await listen.ready;
    stdin.write('early line\n');
    await eventually(() => (listen.errors().includes('no connection is open') ? true : undefined), 'the waiting notice');
    const client = await connectWs(`ws://127.0.0.1:${port}/`, { protocols: ['chat.v1'] });
    expect((await client.nextMessages())[0]!.data.toString()).toBe('early line');
    // ws fails the connection with 1002 on a masked server frame (§5.1): reading "typed" proves it went unmasked.
    stdin.write('/frame opcode=1 text=typed\n');
    expect((await client.nextMessages())[0]!.data.toString()).toBe('typed');
    stdin.write('/close 4002 typed close\n');
    expect(await client.closed()).toEqual({ code: 4002, reason: 'typed close' });
    stdin.write('/quit\n');
    expect(await listen.running).toBe(0);
    expect(listen.errors()).not.toMatch(/cannot send/);
    // The readable output shows what this server agreed to under its 101.
    expect(listen.output()).toMatch(/< HTTP\/1\.1 101 Switching Protocols\n\s+< Sec-WebSocket-Protocol: chat\.v1\n/);
  });
});
