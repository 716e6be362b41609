import { createServer } from 'node:http';
import { JsonHubProtocol, MessageType, NullLogger, type HubMessage } from '@microsoft/signalr';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { LogBuffer } from './log-buffer.js';
import { listenOnLoopback } from './listen-on-loopback.js';
import type { RunningPeer } from './running-peer.js';

/** A running stand-in SignalR hub that broadcasts. */
export interface SignalrHubPeer extends RunningPeer {
  /** `ws://127.0.0.1:<port>/chathub`. */
  readonly url: string;
  /** Clients whose handshake it accepted. */
  connections(): number;
  /** Pings (type 6) the clients sent it. */
  pingsReceived(): number;
}

const separator = '\u001e';

/**
 * No SignalR server runs here (it is ASP.NET Core), so a `ws` server stands in for a chat hub over
 * WebSockets without negotiation: it answers the JSON hub protocol's handshake (`{}`, or `{"error":…}`
 * when asked for another protocol), and for every invocation of `Broadcast` it invokes
 * `ReceiveMessage` with the same arguments on every client, the caller too, as a hub's
 * `Clients.All.SendAsync` does. Everything it writes is written by @microsoft/signalr's own
 * `JsonHubProtocol`, and the tests that use it first check it with that library's client. With
 * `refusal` it answers every handshake with that error and closes, as a hub does that cannot serve.
 */
export async function startSignalrHubServer(options: { readonly refusal?: string } = {}): Promise<SignalrHubPeer> {
  const log = new LogBuffer();
  const protocol = new JsonHubProtocol();
  const http = createServer((_request, response) => response.writeHead(404).end());
  const hub = new WebSocketServer({ server: http, path: '/chathub' });
  const joined = new Set<WebSocket>();
  let connections = 0;
  let pings = 0;
  hub.on('connection', (socket) => {
    socket.on('message', (data: RawData) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8');
      if (!joined.has(socket)) return void handshake(socket, text);
      for (const message of protocol.parseMessages(text, NullLogger.instance)) received(socket, message);
    });
    socket.on('close', () => joined.delete(socket));
  });

  function handshake(socket: WebSocket, text: string): void {
    const request = JSON.parse(text.split(separator)[0] ?? '{}') as { protocol?: string; version?: number };
    const refusal = options.refusal ?? (request.protocol === 'json' ? undefined : `The hub protocol '${request.protocol}' is not supported here.`);
    if (refusal !== undefined) {
      socket.send(`${JSON.stringify({ error: refusal })}${separator}`);
      return void socket.close();
    }
    joined.add(socket);
    connections += 1;
    log.append(`[hub] handshake ${text.trim()}\n`);
    socket.send(`{}${separator}`);
  }

  function received(socket: WebSocket, message: HubMessage): void {
    if (message.type === MessageType.Ping) pings += 1;
    else if (message.type === MessageType.Close) socket.close();
    else if (message.type === MessageType.Invocation && message.target === 'Broadcast') {
      const out = protocol.writeMessage({ type: MessageType.Invocation, target: 'ReceiveMessage', arguments: message.arguments, headers: {} }) as string;
      for (const client of joined) client.send(out);
    } else log.append(`[hub] ignored ${JSON.stringify(message)}\n`);
  }

  const port = await listenOnLoopback(http);
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/chathub`,
    connections: () => connections,
    pingsReceived: () => pings,
    logs: () => log.toString(),
    stop: () =>
      (stopping ??= new Promise((resolve) => {
        for (const client of hub.clients) client.terminate();
        hub.close();
        http.closeAllConnections();
        http.close(() => resolve());
      })),
  };
}
