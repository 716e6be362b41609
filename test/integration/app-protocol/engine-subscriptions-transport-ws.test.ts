import { afterEach, describe, expect, it } from 'vitest';
import { openEngineSession } from '../../harness/engine-protocol-session.js';
import type { EngineProtocolSession } from '../../harness/engine-protocol-session.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSubscriptionsTransportWsServer } from '../../harness/subscriptions-transport-ws-server.js';

// The legacy GraphQL over WebSocket protocol (subprotocol `graphql-ws`) through Frameline's engine
// against Apollo's subscriptions-transport-ws server (npm), the implementation that defined it.

const peers: RunningPeer[] = [];
const sessions: EngineProtocolSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

describe('subscriptions-transport-ws server through the engine (npm, legacy graphql-ws)', () => {
  it('detects the legacy protocol, starts a subscription with variables, reads every data and the complete tied to it, and the ka keep-alives as control', async () => {
    const server = await startSubscriptionsTransportWsServer({ keepAliveMs: 200 });
    peers.push(server);
    const session = await openEngineSession({ url: server.url, subprotocols: ['graphql-ws'] });
    sessions.push(session);
    await session.send({ protocol: 'graphql-ws', input: { kind: 'message', type: 'connection_init', payloadJson: '{}' } });
    await session.waitFor((message) => message.kind === 'connection_ack');
    await session.send({ protocol: 'graphql-ws', input: { kind: 'subscribe', query: 'subscription Ticks($n: Int!) { tick(count: $n) }', variablesJson: '{"n":3}' } });
    const start = await session.waitFor((message) => message.kind === 'start');
    const complete = await session.waitFor((message) => message.kind === 'complete');
    const data = (await session.messages()).filter((message) => message.kind === 'data');
    expect(data.map((message) => (message.tree as { payload: unknown }).payload)).toEqual([{ data: { tick: 1 } }, { data: { tick: 2 } }, { data: { tick: 3 } }]);
    expect(data.every((message) => message.links[0]?.toIndex === start.index && message.links[0]?.relation === 'belongs-to')).toBe(true);
    expect(complete.links[0]).toMatchObject({ relation: 'completes', toIndex: start.index });
    const keepAlive = await session.waitFor((message) => message.kind === 'ka');
    expect(keepAlive.isControl).toBe(true);
    expect((await session.summary()).protocol).toMatchObject({ id: 'graphql-ws', facts: { variant: 'subscriptions-transport-ws' } });
    expect((await session.messages()).every((message) => message.violations.length === 0)).toBe(true);
    expect(server.logs()).toContain('[subscriptions-transport-ws] start 1');
  });
});
