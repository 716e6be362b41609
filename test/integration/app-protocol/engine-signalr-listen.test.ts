import { JsonHubProtocol } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { afterEach, describe, expect, it } from 'vitest';
import { FramelineEngine } from '../../../electron/engine/api/engine.js';
import type { ProtocolMessageJson } from '../../../shared/contract/api-protocol.js';
import { exportsInto, poll, readProtocolSession } from '../../harness/engine-protocol-session.js';
import { runSignalrClient } from '../../harness/signalr-client.js';
import { createTempDir } from '../../harness/temp-dir.js';
import type { TempDir } from '../../harness/temp-dir.js';

// No SignalR server runs here: Microsoft's own client (@microsoft/signalr, and its MessagePack hub
// protocol) talks to Frameline's listen mode, started through the engine with echo on (the echoed
// handshake is a valid handshake response, so the client carries on). The listened connection is
// decoded as SignalR and checked against what the client was asked to send.

let engine: FramelineEngine | undefined;
let folder: TempDir | undefined;
afterEach(async () => {
  await engine?.dispose();
  folder?.remove();
  engine = undefined;
});

function hubFields(message: ProtocolMessageJson | undefined): Record<string, unknown> {
  const { type, target, arguments: args, invocationId } = message?.tree as Record<string, unknown>;
  return Object.fromEntries(Object.entries({ type, target, arguments: args, invocationId }).filter(([, value]) => value !== undefined));
}

describe.each([
  ['JSON', () => new JsonHubProtocol(), 'json'],
  ['MessagePack', () => new MessagePackHubProtocol(), 'messagepack'],
] as const)('@microsoft/signalr (%s hub protocol) into listen mode', (_name, makeProtocol, handshakeName) => {
  it('decodes what the client sent: handshake, invocations with their arguments and ids, a stream invocation, completions linked', async () => {
    folder = createTempDir('signalr-listen');
    engine = new FramelineEngine({ dataDirectory: folder.path, chooseExportPath: exportsInto(folder.path), batchIntervalMs: 10, reportFailure: () => undefined });
    const accepted: string[] = [];
    engine.onEvent((name, payload) => name === 'listenerAccepted' && accepted.push((payload as { sessionId: string }).sessionId));
    const listener = await engine.run('startListener', [{ port: 0, echo: true }]);
    await runSignalrClient(`${listener.url}chathub`, makeProtocol());
    const sessionId = await poll(async () => accepted[0], 5_000);
    const session = readProtocolSession(engine, sessionId);
    await poll(async () => ((await session.summary()).state === 'closed' ? true : undefined), 10_000);
    const summary = await session.summary();
    expect(summary.protocol).toMatchObject({ id: 'signalr', confidence: 'certain', reason: 'the client opened with a SignalR hub handshake', hasDuties: false });
    const messages = await session.messages();
    const sent = messages.filter((message) => message.direction === 'out');
    expect(sent[0]?.summary).toBe(`signalr handshake ${handshakeName} v1`);
    const calls = sent.slice(1).filter((message) => !message.isControl);
    const [sendMessage, add, counter] = calls;
    expect(hubFields(sendMessage)).toEqual({ type: 1, target: 'SendMessage', arguments: ['ann', { text: 'héllo', n: 2 }] });
    expect(hubFields(add)).toEqual({ type: 1, target: 'Add', arguments: [1, 2], invocationId: expect.any(String) });
    expect(hubFields(counter)).toEqual({ type: 4, target: 'Counter', arguments: [2], invocationId: expect.any(String) });
    // The echo sends Add back as a server invocation; the client answers it with a Completion (it has no handler),
    // which the echo returns: each completion is linked to the invocation with its id, in its direction.
    const echoedAdd = messages.find((message) => message.direction === 'in' && message.kind === 'Invocation' && hubFields(message).target === 'Add');
    const clientCompletion = sent.find((message) => message.kind === 'Completion');
    expect(clientCompletion?.links[0]).toMatchObject({ relation: 'completes', toIndex: echoedAdd?.index });
    const echoedCompletion = messages.find((message) => message.direction === 'in' && message.kind === 'Completion');
    expect(echoedCompletion?.links[0]).toMatchObject({ relation: 'completes', toIndex: add?.index, toSeq: add?.seqs.at(-1) });
    expect(sent.some((message) => message.kind === 'Close')).toBe(true);
    expect(messages.flatMap((message) => message.violations)).toEqual([]);
  });
});
