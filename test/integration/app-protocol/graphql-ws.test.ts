import { afterEach, describe, expect, it } from 'vitest';
import type { GraphqlWsInput } from '../../../shared/app-protocol/graphql-ws/graphql-ws-encoder.js';
import { graphqlWsProtocol } from '../../../shared/app-protocol/graphql-ws/graphql-ws-protocol.js';
import { startGraphqlWsServer } from '../../harness/graphql-ws-server.js';
import { openProtocolSession } from '../../harness/protocol-session.js';
import type { ProtocolSession } from '../../harness/protocol-session.js';
import type { RunningPeer } from '../../harness/running-peer.js';

const peers: RunningPeer[] = [];
const sessions: Array<ProtocolSession<GraphqlWsInput>> = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

describe('graphql-ws server (npm graphql-ws, graphql-transport-ws)', () => {
  it('subscribes, reads every next and the complete tied to the operation, and pings with pongs answered', async () => {
    const server = await startGraphqlWsServer();
    peers.push(server);
    const session = await openProtocolSession(graphqlWsProtocol, server.url, { subprotocols: ['graphql-transport-ws'], duties: { keepAliveMs: 150 } });
    sessions.push(session);
    expect(session.context.acceptedSubprotocol).toBe('graphql-transport-ws');
    session.send({ kind: 'message', type: 'connection_init' });
    const ack = await session.waitFor((message) => message.kind === 'connection_ack');
    expect(ack.links).toEqual([{ relation: 'answers', toIndex: 1 }]);
    session.send({ kind: 'subscribe', id: 'ticks', query: 'subscription Ticks($n: Int!) { tick(count: $n) }', variablesJson: '{"n":3}' });
    const subscribe = await session.waitFor((message) => message.kind === 'subscribe');
    const complete = await session.waitFor((message) => message.kind === 'complete');
    const nexts = session.messages.filter((message) => message.kind === 'next');
    expect(nexts.map((message) => (message.tree as { payload: unknown }).payload)).toEqual([{ data: { tick: 1 } }, { data: { tick: 2 } }, { data: { tick: 3 } }]);
    expect(nexts.every((message) => message.links[0]?.toIndex === subscribe.index && message.links[0]?.relation === 'belongs-to')).toBe(true);
    expect(complete.links).toEqual([{ relation: 'completes', toIndex: subscribe.index }]);
    expect(nexts[0]?.summary).toBe('graphql next id=ticks subscription Ticks {"data":{"tick":1}}');
    // Silent after the subscription: the duty pings every 150 ms and the server answers each.
    const pong = await session.waitFor((message) => message.kind === 'pong' && message.direction === 'in', 5_000);
    expect(pong).toMatchObject({ isControl: true, links: [{ relation: 'answers' }] });
    expect(session.dutySends[0]).toBe('graphql-transport-ws ping every 150 ms');
    expect(session.messages.flatMap((message) => message.violations)).toEqual([]);
  });

  it('closes a session that never sends connection_init, whatever the duties do (its own timeout, 4408)', async () => {
    const server = await startGraphqlWsServer({ connectionInitWaitTimeoutMs: 300 });
    peers.push(server);
    const session = await openProtocolSession(graphqlWsProtocol, server.url, { subprotocols: ['graphql-transport-ws'], duties: { keepAliveMs: 100 } });
    sessions.push(session);
    const end = await session.endedWithin(5_000);
    expect(end?.code).toBe(4408);
  });
});
