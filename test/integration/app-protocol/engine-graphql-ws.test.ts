import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngineSession, poll, readProtocolSession, savedFileName } from '../../harness/engine-protocol-session.js';
import type { EngineProtocolSession } from '../../harness/engine-protocol-session.js';
import { startGraphqlWsServer } from '../../harness/graphql-ws-server.js';
import type { RunningPeer } from '../../harness/running-peer.js';

// GraphQL over WebSocket through Frameline's engine against the graphql-ws library's server; then
// the session's capture exported and imported again, decoded as the header says; then read as none.

const peers: RunningPeer[] = [];
const sessions: EngineProtocolSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

describe('graphql-ws server through the engine (npm graphql-ws, graphql-transport-ws)', () => {
  it('subscribes with query and variables, reads every next and the complete tied to the operation', async () => {
    const server = await startGraphqlWsServer();
    peers.push(server);
    const session = await openEngineSession({ url: server.url, subprotocols: ['graphql-transport-ws'] });
    sessions.push(session);
    await session.send({ protocol: 'graphql-ws', input: { kind: 'message', type: 'connection_init' } });
    await session.waitFor((message) => message.kind === 'connection_ack');
    await session.send({ protocol: 'graphql-ws', input: { kind: 'subscribe', query: 'subscription Ticks($n: Int!) { tick(count: $n) }', variablesJson: '{"n":3}' } });
    const subscribe = await session.waitFor((message) => message.kind === 'subscribe');
    expect((subscribe.tree as { id: string }).id).toBe('1');
    const complete = await session.waitFor((message) => message.kind === 'complete');
    const nexts = (await session.messages()).filter((message) => message.kind === 'next');
    expect(nexts.map((message) => (message.tree as { payload: unknown }).payload)).toEqual([{ data: { tick: 1 } }, { data: { tick: 2 } }, { data: { tick: 3 } }]);
    expect(nexts.every((message) => message.links[0]?.toIndex === subscribe.index && message.links[0]?.relation === 'belongs-to')).toBe(true);
    expect(complete.links[0]).toMatchObject({ relation: 'completes', toIndex: subscribe.index });
    // The subscribe's frame lists every result that belongs to it, for navigation.
    const fromSubscribe = await session.engine.run('getProtocolMessages', [session.sessionId, subscribe.seqs.at(-1) as number]);
    expect(fromSubscribe?.messages[0]?.linkedFrom.map((link) => link.relation)).toEqual(['belongs-to', 'belongs-to', 'belongs-to', 'completes']);

    // Exported and imported again: the header names the protocol, and the import decodes the same messages.
    const exported = await session.engine.run('exportCapture', [session.sessionId, { format: 'json', redact: false }]);
    const file = JSON.parse(readFileSync(savedFileName(exported), 'utf8')) as { appProtocol: unknown };
    expect(file.appProtocol).toEqual({ choice: 'auto', id: 'graphql-ws', reason: 'subprotocol graphql-transport-ws accepted by the server' });
    const { sessionId } = await session.engine.run('importCapture', [{ kind: 'content', fileName: 'graphql.frameline.json', base64: readFileSync(savedFileName(exported)).toString('base64') }]);
    const imported = readProtocolSession(session.engine, sessionId);
    await poll(async () => ((await imported.summary()).protocol?.messageCount === (await session.summary()).protocol?.messageCount ? true : undefined), 10_000);
    expect((await imported.messages()).map((message) => message.summary)).toEqual((await session.messages()).map((message) => message.summary));
    expect((await imported.summary()).protocol).toMatchObject({ choice: 'graphql-ws', hasDuties: false });
    await expect(session.engine.run('sendProtocol', [sessionId, { protocol: 'graphql-ws', input: { kind: 'message', type: 'ping' } }])).rejects.toThrow(/read-only/);

    // Read as none: rows lose their protocol column; read as GraphQL again: it is back.
    await session.engine.run('setProtocol', [sessionId, 'none']);
    expect((await imported.rows()).some((row) => row.kind === 'frame' && row.protocol !== undefined)).toBe(false);
    await session.engine.run('setProtocol', [sessionId, 'graphql-ws']);
    expect((await imported.messages()).length).toBe(nexts.length + 4);
  });
});
