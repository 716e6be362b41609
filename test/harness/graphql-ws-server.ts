import { createRequire } from 'node:module';
import type { buildSchema as buildSchemaType } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { GraphqlPubSub } from './graphql-pubsub.js';
import { LogBuffer } from './log-buffer.js';
import type { RunningPeer } from './running-peer.js';

/** A running graphql-ws server (graphql-transport-ws) at `/graphql`. */
export interface GraphqlWsServerPeer extends RunningPeer {
  readonly url: string;
  /** `pong` messages clients sent (answers to the pings `pingIntervalMs` sends). */
  readonly pongs: () => number;
}

// graphql-ws loads graphql's CommonJS build under Node; the schema must come from the same copy
// ("Cannot use GraphQLSchema from another module or realm" otherwise).
const { buildSchema } = createRequire(import.meta.url)('graphql') as { buildSchema: typeof buildSchemaType };
const schema = buildSchema(`
  type Query { hello: String }
  type Mutation { publish(message: String!): Boolean! }
  type Subscription { tick(count: Int!): Int!, messages: String! }
`);

/**
 * The graphql-ws library's server on a `ws` server, with `subscription { tick(count: n) }`
 * yielding 1…n 20 ms apart, and `subscription { messages }` yielding every
 * `mutation { publish(message: …) }` of any client from then on. `connectionInitWaitTimeoutMs` bounds how long it waits for
 * connection_init (the library closes with 4408 after it); with `isRefusingInit` its onConnect
 * refuses every connection_init (the library closes with 4403 Forbidden). With `pingIntervalMs`
 * the harness sends the protocol's `ping` on every connection that often (the library's server
 * never pings at the protocol level; PROTOCOL.md lets either side) and counts the pongs. With `port`
 * it listens where another server listened before (to replace it mid-run).
 */
export async function startGraphqlWsServer(options: { readonly connectionInitWaitTimeoutMs?: number; readonly isRefusingInit?: boolean; readonly pingIntervalMs?: number; readonly port?: number } = {}): Promise<GraphqlWsServerPeer> {
  const log = new LogBuffer();
  const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0, path: '/graphql' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const published = new GraphqlPubSub<{ messages: string }>();
  const roots = {
    query: { hello: () => 'world' },
    mutation: {
      publish: (args: { message: string }) => {
        published.publish({ messages: args.message });
        return true;
      },
    },
    subscription: {
      messages: () => published.subscribe(),
      tick: async function* (args: { count: number }) {
        for (let n = 1; n <= args.count; n++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          yield { tick: n };
        }
      },
    },
  };
  const disposable = useServer(
    {
      schema,
      roots,
      connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 3_000,
      onConnect: () => {
        log.append('[graphql-ws] connect\n');
        return options.isRefusingInit !== true;
      },
      onSubscribe: (_ctx, id) => log.append(`[graphql-ws] subscribe ${id}\n`),
      onComplete: (_ctx, id) => log.append(`[graphql-ws] complete ${id}\n`),
    },
    server,
  );
  let pongs = 0;
  server.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      if (!isBinary && /"type"\s*:\s*"pong"/.test(String(data))) pongs += 1;
    });
    if (options.pingIntervalMs === undefined) return;
    const pinger = setInterval(() => socket.send('{"type":"ping"}'), options.pingIntervalMs);
    socket.on('close', () => clearInterval(pinger));
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/graphql`,
    logs: () => log.toString(),
    pongs: () => pongs,
    stop: () =>
      (stopping ??= (async () => {
        await disposable.dispose();
        for (const client of server.clients) client.terminate();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })()),
  };
}
