import { Redis } from 'ioredis';
import { WebSocket, WebSocketServer } from 'ws';

/**
 * One node of a clustered WebSocket service, as its own process (run by cluster-backend.ts): a
 * `ws` server that tags everything it sends with its name (the `X-Served-By` response header and
 * a `node` field), and broadcasts through Redis pub/sub: a client message is PUBLISHed, and every
 * message on the channel goes to this node's subscribed clients as `{"node":…,"msg":"…"}`.
 * Flags misbehave on purpose, counting the broadcasts this node relays: `dropEvery` N drops every
 * Nth; `holdEvery` N holds every Nth back until the next one has gone (one swap, one message out of
 * order). Prints "READY port=<port>" once listening and subscribed.
 */
interface BackendConfig {
  readonly name: string;
  readonly redisPort: number;
  readonly dropEvery?: number;
  readonly holdEvery?: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as BackendConfig;
const channel = 'frameline-broadcast';
const publisher = new Redis({ host: '127.0.0.1', port: config.redisPort, lazyConnect: true });
const subscriber = new Redis({ host: '127.0.0.1', port: config.redisPort, lazyConnect: true });
const subscribed = new Set<WebSocket>();
let relayed = 0;
let held: string | null = null;

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('headers', (headers) => headers.push(`X-Served-By: ${config.name}`));
server.on('connection', (socket) => {
  socket.send(JSON.stringify({ node: config.name, hello: true }));
  socket.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('{"type":"subscribe"')) {
      subscribed.add(socket);
      socket.send(JSON.stringify({ node: config.name, subscribed: true }));
      return;
    }
    void publisher.publish(channel, text);
  });
  socket.on('close', () => subscribed.delete(socket));
});

subscriber.on('message', (_channel: string, text: string) => {
  relayed += 1;
  if (config.dropEvery && relayed % config.dropEvery === 0) return;
  if (config.holdEvery && relayed % config.holdEvery === 0 && held === null) {
    held = text;
    return;
  }
  send(text);
  if (held !== null) {
    send(held);
    held = null;
  }
});

function send(text: string): void {
  const wrapped = JSON.stringify({ node: config.name, msg: text });
  for (const socket of subscribed) if (socket.readyState === WebSocket.OPEN) socket.send(wrapped);
}

await publisher.connect();
await subscriber.connect();
await subscriber.subscribe(channel);
server.on('listening', () => undefined);
const address = server.address();
process.stdout.write(`READY port=${typeof address === 'object' && address !== null ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  server.close();
  publisher.disconnect();
  subscriber.disconnect();
  process.exit(0);
});
