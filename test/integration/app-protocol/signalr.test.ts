import { HttpTransportType, HubConnectionBuilder, JsonHubProtocol, LogLevel, MessageType } from '@microsoft/signalr';
import type { IHubProtocol } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { decode as decodeMsgpack } from '@msgpack/msgpack';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { RawData } from 'ws';
import type { ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';
import { SignalrDecoder } from '../../../shared/app-protocol/signalr/signalr-decoder.js';
import type { WireMessage } from '../../../shared/app-protocol/wire-message.js';

/** What crossed the wire, in order, as the recording server saw it. */
interface Recorded {
  readonly direction: 'in' | 'out';
  readonly isText: boolean;
  readonly bytes: Uint8Array;
}

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
});

/**
 * No SignalR server runs here, so a plain `ws` server stands in: it accepts the handshake, answers
 * `Add` with a completion and `Counter` with stream items, both written by the library's own hub
 * protocol, and records every message both ways ('out' is what the client sent).
 */
async function recordingServer(protocol: IHubProtocol): Promise<{ url: string; recorded: Recorded[] }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const recorded: Recorded[] = [];
  server.on('connection', (socket) => {
    const reply = (data: string | ArrayBuffer): void => {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
      recorded.push({ direction: 'in', isText: typeof data === 'string', bytes });
      socket.send(bytes, { binary: typeof data !== 'string' });
    };
    let isHandshakeDone = false;
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = Uint8Array.from(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]));
      recorded.push({ direction: 'out', isText: !isBinary, bytes });
      if (!isHandshakeDone) {
        isHandshakeDone = true;
        reply('{}\u001e');
        return;
      }
      for (const message of isBinary ? msgpackRecords(bytes) : jsonRecords(bytes)) answer(message, protocol, reply);
    });
  });
  const address = server.address();
  return { url: `ws://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/chathub`, recorded };
}

/** The server's view of a client message: the fields it answers on. */
interface ClientCall {
  readonly type: number;
  readonly target?: string;
  readonly invocationId?: string;
  readonly arguments?: unknown[];
}

// The clients' hub protocols cannot parse what only servers receive (StreamInvocation), so the
// stand-in server reads records itself: JSON split on 0x1E, or MessagePack arrays after a VarInt length.
function jsonRecords(bytes: Uint8Array): ClientCall[] {
  return new TextDecoder().decode(bytes).split('\u001e').filter((text) => text !== '').map((text) => JSON.parse(text) as ClientCall);
}

function msgpackRecords(bytes: Uint8Array): ClientCall[] {
  const calls: ClientCall[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    let length = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[offset++] as number;
      length |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    const [type, , invocationId, target, args] = decodeMsgpack(bytes.subarray(offset, offset + length)) as [number, unknown, string | null, string, unknown[]];
    calls.push({ type, target, arguments: args, ...(invocationId === null ? {} : { invocationId }) });
    offset += length;
  }
  return calls;
}

function answer(call: ClientCall, protocol: IHubProtocol, reply: (data: string | ArrayBuffer) => void): void {
  if (call.type === MessageType.Invocation && call.target === 'Add' && call.invocationId !== undefined) {
    const [a, b] = call.arguments as number[];
    reply(protocol.writeMessage({ type: MessageType.Completion, invocationId: call.invocationId, result: (a ?? 0) + (b ?? 0), headers: {} }));
  }
  if (call.type === MessageType.StreamInvocation && call.invocationId !== undefined) {
    for (const item of [10, 20]) reply(protocol.writeMessage({ type: MessageType.StreamItem, invocationId: call.invocationId, item, headers: {} }));
    reply(protocol.writeMessage({ type: MessageType.Completion, invocationId: call.invocationId, headers: {} }));
  }
}

/** Drives Microsoft's client: a send, an invoke and a stream, then stop. */
async function runClient(url: string, protocol: IHubProtocol): Promise<{ sum: unknown; items: unknown[] }> {
  const connection = new HubConnectionBuilder()
    // The client takes the hub's http:// URL and dials ws:// itself (with the ws package under Node).
    .withUrl(url.replace(/^ws:/, 'http:'), { skipNegotiation: true, transport: HttpTransportType.WebSockets })
    .withHubProtocol(protocol)
    .configureLogging(LogLevel.None)
    .build();
  await connection.start();
  try {
    await connection.send('SendMessage', 'ann', { text: 'héllo', n: 2 });
    const sum = await connection.invoke('Add', 1, 2);
    const items: unknown[] = [];
    await new Promise<void>((resolve, reject) => connection.stream('Counter', 2).subscribe({ next: (item) => items.push(item), complete: resolve, error: reject }));
    return { sum, items };
  } finally {
    await connection.stop();
  }
}

function decode(recorded: readonly Recorded[], url: string): ProtocolMessage[] {
  const decoder = new SignalrDecoder({ url, offeredSubprotocols: [] });
  return recorded.flatMap((message, i): ProtocolMessage[] => {
    const wire: WireMessage = { ...message, atMicros: i * 1000, seqs: [i + 1] };
    return decoder.push(wire);
  });
}

function hubFields(message: ProtocolMessage | undefined): Record<string, unknown> {
  const { type, target, arguments: args, invocationId, item, result } = message?.tree as Record<string, unknown>;
  return Object.fromEntries(Object.entries({ type, target, arguments: args, invocationId, item, result }).filter(([, value]) => value !== undefined));
}

describe.each([
  ['JSON', () => new JsonHubProtocol(), 'json'],
  ['MessagePack', () => new MessagePackHubProtocol(), 'messagepack'],
] as const)('what @microsoft/signalr sends with the %s hub protocol', (_name, makeProtocol, handshakeName) => {
  it('decodes back to what the client was asked to send, with completions and stream items linked', async () => {
    const protocol = makeProtocol();
    const server = await recordingServer(protocol);
    const outcome = await runClient(server.url, protocol);
    expect(outcome).toEqual({ sum: 3, items: [10, 20] });
    const messages = decode(server.recorded, server.url);
    expect(messages.flatMap((message) => message.violations)).toEqual([]);
    const sent = messages.filter((message) => message.direction === 'out');
    expect(sent[0]?.summary).toBe(`signalr handshake ${handshakeName} v1`);
    // The client pings once right after the handshake; pings are control traffic.
    expect(sent.filter((message) => message.isControl).map((message) => message.kind)).toContain('Ping');
    const [sendMessage, add, counter] = sent.slice(1).filter((message) => !message.isControl);
    expect(hubFields(sendMessage)).toEqual({ type: 1, target: 'SendMessage', arguments: ['ann', { text: 'héllo', n: 2 }] });
    expect(hubFields(add)).toEqual({ type: 1, target: 'Add', arguments: [1, 2], invocationId: expect.any(String) });
    expect(hubFields(counter)).toEqual({ type: 4, target: 'Counter', arguments: [2], invocationId: expect.any(String) });
    const completionOfAdd = messages.find((message) => message.kind === 'Completion' && message.links[0]?.toIndex === add?.index);
    expect(hubFields(completionOfAdd)).toMatchObject({ result: 3 });
    const streamItems = messages.filter((message) => message.kind === 'StreamItem');
    expect(streamItems.map((message) => [hubFields(message).item, message.links[0]?.toIndex])).toEqual([[10, counter?.index], [20, counter?.index]]);
  });
});
