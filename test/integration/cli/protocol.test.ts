import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FrameProtocol } from '../../../shared/contract/api-protocol.js';
import type { EventRecordJson, FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { startGraphqlWsServer } from '../../harness/graphql-ws-server.js';
import { startMosquitto } from '../../harness/mosquitto.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { startSocketIoServer } from '../../harness/socket-io-server.js';
import { buildCliBundle, runBin } from './run-bin.js';
import { jsonLines } from './run-cli.js';

// The real `frameline connect --protocol …` (bin/frameline.js) against real peers: decoded lines
// under each frame, a `protocol` object on --json frame records, protocol messages from the
// command line, and the duties on by default and off with --no-protocol-duties.

const mosquitto = requirePeer('mosquitto');

type ProtocolFrame = FrameRecordJson & { protocol?: Omit<FrameProtocol, 'isEvicted'> };

const peers: RunningPeer[] = [];
beforeAll(async () => {
  await buildCliBundle();
}, 60_000);
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});
afterAll(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

function protocolMessages(records: RecordJson[]) {
  return records.flatMap((record) => (record.kind === 'frame' ? ((record as ProtocolFrame).protocol?.messages ?? []) : []));
}

describe('frameline connect --protocol socket.io (npm socket.io v4)', () => {
  it('connects /chat, emits with an ack and prints the ack linked to the emit with its rtt; --json carries the protocol objects', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs: 300, pingTimeoutMs: 300 });
    peers.push(server);
    const run = await runBin(['connect', server.url, '--protocol', 'socket.io', '--protocol-connect', '--namespace', '/chat', '--emit-ack', 'chat:message {"text":"hi"}', '--wait', '1.2', '--json']);
    expect(run.stderr).toBe('');
    const records = jsonLines(run.stdout);
    const messages = protocolMessages(records);
    const connect = messages.find((message) => message.kind === 'CONNECT' && message.direction === 'out');
    expect(messages.find((message) => message.kind === 'CONNECT' && message.direction === 'in')?.links).toEqual([{ relation: 'answers', toIndex: connect?.index, toSeq: connect?.seqs[0] }]);
    const emit = messages.find((message) => message.kind === 'EVENT' && message.direction === 'out');
    expect(emit?.summary).toBe('socket.io EVENT chat:message /chat id=1');
    const ack = messages.find((message) => message.kind === 'ACK');
    expect(ack).toMatchObject({ links: [{ relation: 'acknowledges', toIndex: emit?.index }], tree: { data: [{ ok: true, echo: { text: 'hi' } }] } });
    expect(ack?.rttMicros).toBeGreaterThan(0);
    // The frame record that completed the ack carries it, and only it.
    const ackFrame = records.find((record) => record.kind === 'frame' && record.seq === ack?.seqs.at(-1)) as ProtocolFrame;
    expect(ackFrame.protocol?.messages.map((message) => message.index)).toEqual([ack?.index]);
    // Held past the 600 ms ping timeout: Frameline's pongs kept the session until it closed it.
    const pongs = messages.filter((message) => message.kind === 'pong' && message.direction === 'out');
    expect(pongs.length).toBeGreaterThanOrEqual(2);
    expect(pongs.every((pong) => pong.duty === 'answer Engine.IO ping')).toBe(true);
    expect(records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'closed')).toMatchObject({ by: 'client', how: 'close-frame' });
    expect(run.status).toBe(0);
  });

  it('prints the decoded line under each frame in text mode', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs: 5000, pingTimeoutMs: 5000 });
    peers.push(server);
    const run = await runBin(['connect', server.url, '--protocol', 'auto', '--protocol-connect', '--emit-ack', 'chat:message {"text":"hi"}', '--wait', '0.5']);
    expect(run.stdout).toContain('≡ application protocol: Socket.IO (the URL asks for Engine.IO 4 over websocket)');
    expect(run.stdout).toMatch(/≡ #\d+ socket\.io EVENT chat:message id=1\n/);
    expect(run.stdout).toMatch(/≡ #\d+ socket\.io ACK id=1 \[\{"ok":true,"echo":\{"text":"hi"\}\}\] {2}· acknowledges #\d+ · rtt \d+\.\d{3} ms/);
  });

  it('with --no-protocol-duties never answers a ping, and the server drops the session', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs: 300, pingTimeoutMs: 200 });
    peers.push(server);
    const run = await runBin(['connect', server.url, '--protocol', 'socket.io', '--no-protocol-duties', '--protocol-connect', '--wait', '4', '--json']);
    const records = jsonLines(run.stdout);
    expect(protocolMessages(records).filter((message) => message.kind === 'pong')).toEqual([]);
    expect(records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'closed')).toMatchObject({ by: 'server' });
    await expect.poll(() => server.events().find((event) => event.kind === 'disconnect')?.detail).toBe('ping timeout');
  });

  it('says why a protocol message cannot be sent and names a misplaced modifier', async () => {
    const server = await startSocketIoServer({ version: 4, pingIntervalMs: 5000, pingTimeoutMs: 5000 });
    peers.push(server);
    const refused = await runBin(['connect', server.url, '--protocol', 'socket.io', '--subscribe', '/topic/a', '--wait', '0.2']);
    expect(refused.stderr).toContain('cannot send the protocol message: socket.io has no subscribe; --subscribe is for STOMP, MQTT and GraphQL over WebSocket');
    const misplaced = await runBin(['connect', server.url, '--body', 'hi']);
    expect(misplaced.status).toBe(2);
    expect(misplaced.stderr).toContain('--body must follow a protocol message it can change');
  });
});

describe.skipIf(!mosquitto.isAvailable)('frameline connect --protocol auto with MQTT (mosquitto)', () => {
  it('subscribes and publishes at QoS 1 from the command line, with the acknowledgements and keep-alive pings', async () => {
    const broker = await startMosquitto();
    peers.push(broker);
    const run = await runBin(['connect', broker.url, '--subprotocol', 'mqtt', '--protocol', 'auto', '--protocol-connect', '--keep-alive', '1', '--subscribe', 'frameline/#', '--qos', '1', '--publish', 'frameline/t', '--body', 'hello', '--qos', '1', '--wait', '2.5', '--json'], 30_000);
    const messages = protocolMessages(jsonLines(run.stdout));
    expect(messages.find((message) => message.kind === 'CONNACK')?.links[0]?.relation).toBe('answers');
    const publish = messages.find((message) => message.kind === 'PUBLISH' && message.direction === 'out');
    expect(publish?.tree).toMatchObject({ topic: 'frameline/t', qos: 1, payload: 'hello' });
    expect(messages.find((message) => message.kind === 'PUBACK' && message.direction === 'in')?.links[0]).toMatchObject({ relation: 'acknowledges', toIndex: publish?.index });
    const delivery = messages.find((message) => message.kind === 'PUBLISH' && message.direction === 'in');
    expect(delivery?.links[0]?.relation).toBe('belongs-to');
    expect(messages.find((message) => message.kind === 'PUBACK' && message.direction === 'out')?.duty).toBeDefined();
    expect(messages.filter((message) => message.kind === 'PINGREQ').length).toBeGreaterThanOrEqual(2);
    expect(run.status).toBe(0);
  });
});

describe('frameline connect --protocol auto with graphql-ws', () => {
  it('sends connection_init, waits for the ack, subscribes with variables and prints every result', async () => {
    const server = await startGraphqlWsServer();
    peers.push(server);
    const run = await runBin(['connect', server.url, '--subprotocol', 'graphql-transport-ws', '--protocol', 'auto', '--protocol-connect', '--subscribe', 'subscription T($n: Int!) { tick(count: $n) }', '--variables', '{"n":2}', '--wait', '0.8']);
    expect(run.stdout).toMatch(/≡ #\d+ graphql connection_ack {2}· answers #1/);
    expect(run.stdout.match(/≡ #\d+ graphql next id=1 /g)).toHaveLength(2);
    expect(run.stdout).toMatch(/≡ #\d+ graphql complete id=1.* · completes #3/);
  });
});
