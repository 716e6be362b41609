import { createRequire } from 'node:module';
import type { buildSchema as buildSchemaType } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { LogBuffer } from './log-buffer.js';
import type { RunningPeer } from './running-peer.js';

/** A running graphql-ws server (graphql-transport-ws) at `/graphql`. */
export interface GraphqlWsServerPeer extends RunningPeer {
  readonly url: string;
}

// graphql-ws loads graphql's CommonJS build under Node; the schema must come from the same copy
// ("Cannot use GraphQLSchema from another module or realm" otherwise).
const { buildSchema } = createRequire(import.meta.url)('graphql') as { buildSchema: typeof buildSchemaType };
const schema = buildSchema(`
  type Query { hello: String }
  type Subscription { tick(count: Int!): Int! }
`);

/**
 * The graphql-ws library's server on a `ws` server, with `subscription { tick(count: n) }`
 * yielding 1…n 20 ms apart. `connectionInitWaitTimeoutMs` bounds how long it waits for
 * connection_init (the library closes with 4408 after it).
 */
export async function startGraphqlWsServer(options: { readonly connectionInitWaitTimeoutMs?: number } = {}): Promise<GraphqlWsServerPeer> {
  const log = new LogBuffer();
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/graphql' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const roots = {
    query: { hello: () => 'world' },
    subscription: {
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
      onConnect: () => log.append('[graphql-ws] connect\n'),
      onSubscribe: (_ctx, id) => log.append(`[graphql-ws] subscribe ${id}\n`),
      onComplete: (_ctx, id) => log.append(`[graphql-ws] complete ${id}\n`),
    },
    server,
  );
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/graphql`,
    logs: () => log.toString(),
    stop: () =>
      (stopping ??= (async () => {
        await disposable.dispose();
        for (const client of server.clients) client.terminate();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })()),
  };
}
