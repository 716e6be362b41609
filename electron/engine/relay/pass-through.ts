import type { Duplex } from 'node:stream';
import type { RelayConnectionOptions } from '../../../shared/contract/api-relay.js';
import { sessionOptionsSchema } from '../../../shared/contract/session-options.js';
import { dial } from '../net/dial.js';

/**
 * Carries a request that is not a WebSocket upgrade straight to its host, unrecorded: a browser
 * pointed at the relay as its proxy also loads pages and scripts through it. `url` names the host
 * (`ws://` for plain, `wss://` for TLS, which the relay terminated and now opens again with the
 * connection settings' TLS checks); `head` is what the client already sent. Resolves when both
 * sides are done.
 */
export async function passThrough(client: Duplex, url: string, head: Uint8Array, upstream: RelayConnectionOptions): Promise<void> {
  const dialed = await dial(sessionOptionsSchema.parse({ ...upstream, url }), { nowMicros: () => 0, onEvent: () => undefined });
  if (!dialed.ok) {
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
    server.write(head);
    client.pipe(server);
    server.pipe(client);
    client.resume();
  });
}

/**
 * A proxy request in absolute form (`GET http://host:port/path`) as the origin server expects it
 * (RFC 9112 §3.2.1: origin form), with `Connection: close`: a browser may send its next request
 * on the same proxy connection to another host, so each connection carries one.
 */
export function originFormHead(head: { method: string; httpVersion: string; headers: readonly [string, string][] }, target: string, rest: Uint8Array): Uint8Array {
  const skipped = new Set(['connection', 'proxy-connection', 'proxy-authorization', 'keep-alive']);
  let text = `${head.method} ${target} HTTP/${head.httpVersion}\r\n`;
  for (const [name, value] of head.headers) if (!skipped.has(name.toLowerCase())) text += `${name}: ${value}\r\n`;
  text += 'Connection: close\r\n\r\n';
  return Buffer.concat([Buffer.from(text, 'latin1'), rest]);
}
