import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { buildSchema as buildSchemaType, execute as executeType, subscribe as subscribeType } from 'graphql';
import { SubscriptionServer } from 'subscriptions-transport-ws';
import { GraphqlPubSub } from './graphql-pubsub.js';
import { LogBuffer } from './log-buffer.js';
import type { RunningPeer } from './running-peer.js';
import { listenOnLoopback } from './listen-on-loopback.js';

/** A running subscriptions-transport-ws server (the legacy `graphql-ws` subprotocol) at `/graphql`. */
export interface SubscriptionsTransportWsServerPeer extends RunningPeer {
  readonly url: string;
}

// The library executes with graphql's CommonJS build; the schema must come from the same copy.
const graphql = createRequire(import.meta.url)('graphql') as { buildSchema: typeof buildSchemaType; execute: typeof executeType; subscribe: typeof subscribeType };
const schema = graphql.buildSchema(`
  type Query { hello: String }
  type Mutation { publish(message: String!): Boolean! }
  type Subscription { tick(count: Int!): Int!, messages: String! }
`);

/** How the server behaves. */
export interface SubscriptionsTransportWsServerOptions {
  /** A `ka` keep-alive right after connection_ack and then every this many milliseconds. */
  readonly keepAliveMs: number;
  /** Send only this many `ka` keep-alives on each connection, then none (a server whose keep-alive stopped); unbounded when absent. */
  readonly keepAlivesSent?: number;
  /** Refuse every connection_init: the library answers connection_error and closes with 1011. */
  readonly isRefusingInit?: boolean;
  /** Listen on this port (where another server listened before, to replace it); a free one when absent. */
  readonly port?: number;
}

/**
 * Apollo's subscriptions-transport-ws server (the reference of the legacy protocol) on a Node HTTP
 * server, with `subscription { tick(count: n) }` yielding 1…n 20 ms apart, `subscription { messages }`
 * yielding every `mutation { publish(message: …) }` of any client from then on, and a `ka`
 * keep-alive every `keepAliveMs`.
 */
export async function startSubscriptionsTransportWsServer(options: SubscriptionsTransportWsServerOptions): Promise<SubscriptionsTransportWsServerPeer> {
  const log = new LogBuffer();
  const http = createServer();
  const published = new GraphqlPubSub<{ messages: string }>();
  const rootValue = {
    hello: () => 'world',
    publish: (args: { message: string }) => {
      published.publish({ messages: args.message });
      return true;
    },
    messages: () => published.subscribe(),
    tick: async function* (args: { count: number }) {
      for (let n = 1; n <= args.count; n++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        yield { tick: n };
      }
    },
  };
  const server = SubscriptionServer.create(
    {
      schema,
      rootValue,
      execute: graphql.execute,
      subscribe: graphql.subscribe,
      keepAlive: options.keepAliveMs,
      onConnect: () => {
        log.append('[subscriptions-transport-ws] connect\n');
        return options.isRefusingInit !== true;
      },
      onOperation: (message: { id?: string }, params: unknown) => {
        log.append(`[subscriptions-transport-ws] start ${message.id ?? '?'}\n`);
        return params;
      },
      onOperationComplete: (_socket: unknown, id: string) => log.append(`[subscriptions-transport-ws] stop ${id}\n`),
      onDisconnect: () => log.append('[subscriptions-transport-ws] disconnect\n'),
    },
    { server: http, path: '/graphql' },
  );
  if (options.keepAlivesSent !== undefined) {
    const limit = options.keepAlivesSent;
    // The library's keep-alive interval is private to each connection: past the limit its `ka` frames are dropped at the socket, the rest go out as they are.
    server.server.on('connection', (socket) => {
      const send = socket.send.bind(socket) as (data: unknown) => void;
      let keepAlives = 0;
      const withholding = (data: unknown): void => {
        if (typeof data === 'string' && data === '{"type":"ka"}' && ++keepAlives > limit) return log.append('[subscriptions-transport-ws] ka withheld\n');
        send(data);
      };
      socket.send = withholding as typeof socket.send;
    });
  }
  const port = await listenOnLoopback(http, options.port);
  let stopping: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    url: `ws://127.0.0.1:${port}/graphql`,
    logs: () => log.toString(),
    stop: () =>
      (stopping ??= (async () => {
        server.close();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      })()),
  };
}
