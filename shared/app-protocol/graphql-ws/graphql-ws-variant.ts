/**
 * The two GraphQL-over-WebSocket protocols: `graphql-transport-ws` (the graphql-ws library) and
 * the legacy `graphql-ws` subprotocol of subscriptions-transport-ws. Confusingly, the legacy one
 * owns the name `graphql-ws`.
 */
export type GraphqlWsVariant = 'graphql-transport-ws' | 'subscriptions-transport-ws';

/** Message types only the legacy protocol uses. */
const legacyTypes = new Set(['start', 'data', 'stop', 'ka', 'connection_terminate', 'connection_error', 'connection_keep_alive']);
/** Message types only graphql-transport-ws uses. */
const transportTypes = new Set(['subscribe', 'next', 'ping', 'pong']);

/** The variant a subprotocol names, if it names one. */
export function variantOfSubprotocol(name: string | undefined): GraphqlWsVariant | undefined {
  if (name === 'graphql-transport-ws') return 'graphql-transport-ws';
  if (name === 'graphql-ws') return 'subscriptions-transport-ws';
  return undefined;
}

/** The variant a message type belongs to only, if it belongs to one only. */
export function variantOfType(type: string): GraphqlWsVariant | undefined {
  if (legacyTypes.has(type)) return 'subscriptions-transport-ws';
  if (transportTypes.has(type)) return 'graphql-transport-ws';
  return undefined;
}

/** Types that start an operation; the results that belong to it; the types that end it. */
export const OPERATION_START = new Set(['subscribe', 'start']);
/** Results of an operation, by id. */
export const OPERATION_RESULT = new Set(['next', 'data']);
/** The end of an operation, by id (from either side). */
export const OPERATION_END = new Set(['complete', 'stop', 'error']);
