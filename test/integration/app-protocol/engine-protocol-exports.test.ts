import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import mqttPacket from 'mqtt-packet';
import type { Packet } from 'mqtt-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngineSession, savedFileName, type EngineProtocolSession } from '../../harness/engine-protocol-session.js';
import { startMosquitto } from '../../harness/mosquitto.js';
import { requirePeer } from '../../harness/require-peer.js';
import type { RunningPeer } from '../../harness/running-peer.js';
import { connectEngineMqtt, engineMqttPublishAndReceive } from './engine-mqtt-scenarios.js';

// HAR and pcapng exports of a session read as an application protocol are the WebSocket exports
// they always were: an MQTT session against mosquitto (Debian), its HAR messages compared with
// the frames, and its pcapng read by tshark (Debian) with the payloads parsed by mqtt-packet (npm)
// into the same packets Frameline decoded.

const mosquitto = requirePeer('mosquitto');
const tshark = requirePeer('tshark');

const peers: RunningPeer[] = [];
const sessions: EngineProtocolSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(peers.splice(0).map((peer) => peer.stop()));
});

/**
 * The MQTT packets in a pcapng: tshark (whose 4.0 has no MQTT-over-WebSocket dissector) lists each
 * WebSocket frame's payload, and the mqtt-packet library parses each direction's byte stream.
 */
function tsharkMqttPackets(path: string): { cmd: string; topic?: string }[] {
  const lines = execFileSync('tshark', ['-r', path, '-Y', 'websocket', '-T', 'fields', '-e', 'tcp.dstport', '-e', 'data.data', '-E', 'occurrence=a', '-E', 'aggregator=;'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
  const packets: { cmd: string; topic?: string }[] = [];
  const parsers = new Map<string, ReturnType<typeof mqttPacket.parser>>();
  for (const line of lines.trim().split('\n')) {
    const [port = '', payloads = ''] = line.split('\t');
    let parser = parsers.get(port);
    if (!parser) {
      parser = mqttPacket.parser({ protocolVersion: 4 });
      parser.on('packet', (packet: Packet) => packets.push({ cmd: packet.cmd, ...('topic' in packet && typeof packet.topic === 'string' ? { topic: packet.topic } : {}) }));
      parser.on('error', (error: Error) => packets.push({ cmd: `error ${error.message}` }));
      parsers.set(port, parser);
    }
    for (const hex of payloads.split(';')) if (hex !== '') parser.parse(Buffer.from(hex, 'hex'));
  }
  return packets;
}

interface HarMessage {
  readonly type: 'send' | 'receive';
  readonly opcode: number;
  readonly data: string;
}

describe.skipIf(!mosquitto.isAvailable || !tshark.isAvailable)('exports of a protocol session (mosquitto, tshark)', () => {
  it("a redacted export blanks the CONNECT's password, and mqtt-packet still reads the packet mosquitto accepted", async () => {
    const broker = await startMosquitto();
    peers.push(broker);
    const session = await openEngineSession({ url: broker.url, subprotocols: ['mqtt'] });
    sessions.push(session);
    await session.send({ protocol: 'mqtt', input: { type: 'CONNECT', clientId: `frameline-redact-${process.pid}`, username: 'frameline', password: 'hunter2-mqtt', keepAliveSeconds: 60 } });
    const connack = await session.waitFor((message) => message.kind === 'CONNACK');
    expect((connack.tree as { reason?: { code?: number } }).reason?.code).toBe(0);
    const exported = await session.engine.run('exportCapture', [session.sessionId, { format: 'har' }]);
    const text = readFileSync(savedFileName(exported), 'utf8');
    const har = JSON.parse(text) as { log: { entries: { _webSocketMessages?: HarMessage[] }[] } };
    const sent = har.log.entries.flatMap((entry) => entry._webSocketMessages ?? []).filter((message) => message.type === 'send');
    const parsed: Packet[] = [];
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet: Packet) => parsed.push(packet));
    for (const message of sent) parser.parse(Buffer.from(message.data, 'base64'));
    expect(parsed[0]).toMatchObject({ cmd: 'connect', username: 'frameline', password: Buffer.from('************') });
    expect(Buffer.from(text).includes('hunter2-mqtt')).toBe(false);
    expect(sent.some((message) => Buffer.from(message.data, 'base64').includes('hunter2-mqtt'))).toBe(false);
  });

  it('HAR lists every data message as it was sent, the same with the protocol read as none; the pcapng’s payloads (tshark) parse into the MQTT packets Frameline decoded (mqtt-packet)', async () => {
    const broker = await startMosquitto();
    peers.push(broker);
    const session = await connectEngineMqtt(broker.url, 4, 60, sessions);
    await engineMqttPublishAndReceive(session, [0, 1]);
    const rows = await session.rows();
    const dataFrames = rows.filter((row) => row.kind === 'frame' && (row.opcode === 1 || row.opcode === 2));

    const harMessages = async (): Promise<HarMessage[]> => {
      const exported = await session.engine.run('exportCapture', [session.sessionId, { format: 'har', redact: false }]);
      const har = JSON.parse(readFileSync(savedFileName(exported), 'utf8')) as { log: { entries: { _webSocketMessages?: HarMessage[] }[] } };
      return har.log.entries.flatMap((entry) => entry._webSocketMessages ?? []);
    };
    const withProtocol = await harMessages();
    expect(withProtocol.map((message) => message.type)).toEqual(dataFrames.map((row) => (row.kind === 'frame' && row.direction === 'out' ? 'send' : 'receive')));
    expect(withProtocol.every((message) => message.opcode === 2)).toBe(true);
    await session.engine.run('setProtocol', [session.sessionId, 'none']);
    expect(await harMessages()).toEqual(withProtocol);
    await session.engine.run('setProtocol', [session.sessionId, 'auto']);

    const pcapng = await session.engine.run('exportCapture', [session.sessionId, { format: 'pcapng', redact: false }]);
    const fromTshark = tsharkMqttPackets(savedFileName(pcapng)).map(({ cmd, topic }) => `${cmd.toUpperCase()}${cmd === 'publish' ? ` ${topic ?? ''}` : ''}`);
    const fromFrameline = (await session.messages()).map((message) => `${message.kind}${message.kind === 'PUBLISH' ? ` ${String((message.tree as { topic: string }).topic)}` : ''}`);
    expect(fromTshark.length).toBeGreaterThanOrEqual(10);
    expect(fromTshark.sort()).toEqual(fromFrameline.sort());
  });
});
