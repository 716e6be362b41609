import type { Duplex } from 'node:stream';
import type { RelayConnectionOptions } from '../../../shared/contract/api-relay.js';
import { sessionOptionsSchema } from '../../../shared/contract/session-options.js';
import { dial } from '../net/dial.js';
import type { DialFailure } from '../net/dial-failure.js';

/**
 * What a pass-through tells its observer: copies of the bytes each way after the head (the head
 * itself the caller already has), when each side ended, and a dial that failed. Watching never
 * changes what is forwarded.
 */
export interface PassThroughWatch {
  dialFailed(failure: DialFailure): void;
  clientData(chunk: Uint8Array): void;
  serverData(chunk: Uint8Array): void;
  clientEnded(): void;
  serverEnded(): void;
}

/**
 * Carries a request that is not a WebSocket upgrade straight to its host: a browser pointed at
 * the relay as its proxy also loads pages and scripts through it, and an Engine.IO or SignalR
 * client polls or negotiates over HTTP before it upgrades. `url` names the host (`ws://` for
 * plain, `wss://` for TLS, which the relay terminated and now opens again with the connection
 * settings' TLS checks); `head` is what goes to the host first. `watch` sees the bytes go by.
 * Resolves when both sides are done.
 */
export async function passThrough(client: Duplex, url: string, head: Uint8Array, upstream: RelayConnectionOptions, watch: PassThroughWatch): Promise<void> {
  const dialed = await dial(sessionOptionsSchema.parse({ ...upstream, url }), { nowMicros: () => 0, onEvent: () => undefined });
  if (!dialed.ok) {
    watch.dialFailed(dialed.failure);
    const body = `Frameline relay: ${dialed.failure.message}\n`;
    client.end(`HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    return;
  }
  const server = dialed.socket;
  await new Promise<void>((resolve) => {
    let open = 2;
    const done = (): void => {
      open -= 1;
      if (open === 0) resolve();
    };
    const fail = (): void => {
      client.destroy();
      server.destroy();
    };
    client.on('error', fail);
    server.on('error', fail);
    client.once('close', done);
    server.once('close', done);
    // Nothing the server sends can reach a client that is gone (a stopped relay destroys it): the server's side ends too.
    client.once('close', () => server.destroy());
    watchSide(client, (chunk) => watch.clientData(chunk), () => watch.clientEnded());
    watchSide(server, (chunk) => watch.serverData(chunk), () => watch.serverEnded());
    server.write(head);
    client.pipe(server);
    server.pipe(client);
    client.resume();
  });
}

/** Copies of a side's chunks as views, and its end (FIN, or a close without one) once. */
function watchSide(socket: Duplex, onData: (chunk: Uint8Array) => void, onEnd: () => void): void {
  socket.on('data', (data: Buffer) => onData(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
  let isEnded = false;
  const ended = (): void => {
    if (isEnded) return;
    isEnded = true;
    onEnd();
  };
  socket.once('end', ended);
  socket.once('close', ended);
}

/**
 * A request as the origin server expects it (RFC 9112 §3.2.1: origin form), with `Connection:
 * close`: a browser may send its next request on the same proxy connection to another host, and
 * one exchange per connection is what the relay observes. `host`: the Host to write instead of the
 * client's (a client that points at the relay names the relay; the server expects its own name).
 */
export function originFormHead(head: { method: string; httpVersion: string; headers: readonly [string, string][] }, target: string, rest: Uint8Array, host: string | null = null): Uint8Array {
  const skipped = new Set(['connection', 'proxy-connection', 'proxy-authorization', 'keep-alive', ...(host === null ? [] : ['host'])]);
  let text = `${head.method} ${target} HTTP/${head.httpVersion}\r\n`;
  if (host !== null) text += `Host: ${host}\r\n`;
  for (const [name, value] of head.headers) if (!skipped.has(name.toLowerCase())) text += `${name}: ${value}\r\n`;
  text += 'Connection: close\r\n\r\n';
  return Buffer.concat([Buffer.from(text, 'latin1'), rest]);
}
