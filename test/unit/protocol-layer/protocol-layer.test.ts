import { afterEach, describe, expect, it } from 'vitest';
import { seqCounterFrom } from '../../../shared/connection/connection-options.js';
import type { ConnectionCommand } from '../../../shared/connection/connection-command.js';
import { encodeFrame } from '../../../shared/protocol/frame-encoder.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { encodeUtf8 } from '../../../shared/protocol/utf8-text.js';
import { CaptureLog } from '../../../electron/engine/capture/capture-log.js';
import { appendConnectionRecord } from '../../../electron/engine/connection/capture-records.js';
import { ProtocolLayer } from '../../../electron/engine/protocol/protocol-layer.js';
import { DETECTION_MESSAGE_LIMIT } from '../../../shared/app-protocol/protocol-tracker.js';
import type { ProtocolLayerOptions } from '../../../electron/engine/protocol/protocol-layer.js';
import { sampleHeader } from '../capture/capture-fixtures.js';
import { connectionFor } from '../connection/connection-fixtures.js';

// A client connection core whose commands are carried out here as the engine's driver does
// (records appended with the seq the connection chose), with a ProtocolLayer on its messages.

const layers: ProtocolLayer[] = [];
afterEach(() => layers.splice(0).forEach((layer) => layer.dispose()));

function setUp(url: string, options: Partial<ProtocolLayerOptions> = {}) {
  const capture = new CaptureLog({ header: sampleHeader({ targetUrl: url }) });
  // Wired as the sessions wire it: messages of one frame are skipped while the layer has no use for them.
  const connection = connectionFor('client', { reportsMessages: true, seqs: seqCounterFrom(0), isMessageWanted: () => layer.isReceivingMessages });
  const layer = new ProtocolLayer(capture, { choice: 'auto', hasDuties: true, isDutiesEnabled: true, ...options });
  layers.push(layer);
  const written: Uint8Array[] = [];
  let atMicros = 0;
  const apply = (commands: readonly ConnectionCommand[]): void => {
    for (const command of commands) {
      if (command.type === 'record') {
        const seq = appendConnectionRecord(capture, command.record);
        if (seq !== command.seq) throw new Error(`connection record ${command.seq} became capture record ${seq}`);
      } else if (command.type === 'message') layer.receive(command.message);
      else if (command.type === 'write') written.push(command.bytes);
    }
  };
  layer.attach({
    send: (message) => apply(connection.send({ kind: message.isText ? 'text' : 'binary', payload: message.bytes }, (atMicros += 10))),
    nowMicros: () => atMicros,
  });
  apply(connection.start(0));
  const receive = (text: string): void => apply(connection.receive(encodeFrame({ opcode: Opcode.text, payload: encodeUtf8(text) }), (atMicros += 1000)));
  return { capture, layer, written, receive };
}

const engineIoUrl = 'ws://h/socket.io/?EIO=4&transport=websocket';

describe('ProtocolLayer over a connection core and a capture log', () => {
  it('answers an Engine.IO ping after the read is recorded, so seqs stay in order; the pong row says why it went out', async () => {
    const { capture, layer, receive } = setUp(engineIoUrl);
    receive('0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
    receive('2');
    // The pong waits for the read's commands to finish (a microtask).
    expect(capture.count).toBe(2);
    await Promise.resolve();
    expect(capture.count).toBe(3);
    const rows = layer.decorate(capture.getRecords(0, 3));
    expect(rows.map((row) => (row.kind === 'frame' ? row.protocol?.summary : undefined))).toEqual(['engine.io open sid=s ping 25000/20000 ms', 'engine.io ping', 'engine.io pong']);
    const pong = rows[2];
    expect(pong?.kind === 'frame' ? pong.protocol : undefined).toMatchObject({ isControl: true, duty: 'answer Engine.IO ping', links: [{ relation: 'answers', toSeq: 1 }] });
    expect((await layer.frameProtocol(1))?.messages[0]?.linkedFrom).toEqual([{ relation: 'answers', fromIndex: 3, fromSeq: 2 }]);
  });

  it('sends structured input through the encoder, with the next ack id, and records the protocol in the capture header', () => {
    const { capture, layer, receive } = setUp(engineIoUrl);
    receive('0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
    const sent = layer.send({ protocol: 'socket.io', input: { kind: 'event', event: 'chat:message', argsJson: '{"text":"hi"}', wantsAck: true } });
    expect(sent.wireMessages).toBe(1);
    expect(sent.messages.map((message) => message.summary)).toEqual(['socket.io EVENT chat:message id=1']);
    expect(new TextDecoder().decode(capture.getPayload(1))).toBe('421["chat:message",{"text":"hi"}]');
    expect(capture.header.appProtocol).toEqual({ choice: 'auto', id: 'socket.io', reason: 'the URL asks for Engine.IO 4 over websocket' });
    expect(layer.summary()).toMatchObject({ state: 'active', id: 'socket.io', displayName: 'Socket.IO', messageCount: 2, facts: { eio: 4, sid: 's' } });
  });

  it('refuses input its encoder cannot write, with the reason, and sends malformed JSON as typed', async () => {
    const { capture, layer, receive } = setUp(engineIoUrl);
    receive('0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
    expect(() => layer.send({ protocol: 'socket.io', input: { kind: 'event', event: 'x', attachments: ['AAA'] } })).toThrow(/attachments\[0\] is not padded base64/);
    layer.send({ protocol: 'socket.io', input: { kind: 'event', event: 'x', argsJson: '{broken' } });
    expect(new TextDecoder().decode(capture.getPayload(1))).toBe('42["x",{broken]');
    const [invalid] = await layer.messagesAt(1);
    expect(invalid).toMatchObject({ kind: 'invalid', direction: 'out' });
    expect(invalid?.violations.length).toBe(1);
  });

  it('reads the capture again as another protocol, and back', async () => {
    const { capture, layer, receive } = setUp(engineIoUrl);
    receive('0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
    receive('42["chat:message",{"text":"hi"}]');
    await layer.setChoice('none');
    expect(layer.decorate(capture.getRecords(0, 2)).some((row) => row.kind === 'frame' && row.protocol !== undefined)).toBe(false);
    expect(capture.header.appProtocol).toEqual({ choice: 'none', id: null, reason: null });
    await layer.setChoice('socket.io');
    expect(layer.rowAt(1)?.summary).toBe('socket.io EVENT chat:message');
    receive('42["again"]');
    expect(layer.rowAt(2)?.kind).toBe('EVENT');
  });

  it('decodes an old message again from the capture when its tree has left the window', async () => {
    const { receive, layer } = setUp(engineIoUrl, { limits: { maxMessages: 1000, treeWindow: 4 } });
    receive('0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
    for (let n = 1; n <= 10; n++) receive(`42["tick",${n}]`);
    expect(layer.frameProtocolNow(1)?.messages[0]?.tree).toBeNull();
    const frame = await layer.frameProtocol(1);
    expect(frame?.messages[0]?.tree).toMatchObject({ event: 'tick', args: [1] });
    // Its neighbours come back too, as far as the window allows.
    expect(layer.frameProtocolNow(2)?.messages[0]?.tree).toMatchObject({ args: [2] });
  });

  it('wants no messages once detection gave up, and wants them again when the capture is read as a protocol', async () => {
    const { capture, layer, receive } = setUp('ws://h/feed');
    expect(layer.isReceivingMessages).toBe(true);
    for (let n = 0; n < DETECTION_MESSAGE_LIMIT; n++) receive(`{"tick":${n}}`);
    expect(layer.isReceivingMessages).toBe(false);
    receive('42["skipped while nothing decodes"]');
    await layer.setChoice('socket.io');
    expect(layer.isReceivingMessages).toBe(true);
    expect(layer.rowAt(DETECTION_MESSAGE_LIMIT)?.summary).toBe('socket.io EVENT skipped while nothing decodes');
    receive('42["live"]');
    expect(layer.rowAt(capture.count - 1)?.summary).toBe('socket.io EVENT live');
  });

  it('decode-only layers refuse the duty switch', () => {
    const { layer } = setUp(engineIoUrl, { hasDuties: false, isDutiesEnabled: false });
    expect(() => layer.setDutiesEnabled(true)).toThrow(/only decodes/);
  });

  it('lets go of the messages whose frames the capture let go (the CLI printing with no capture file), and keeps counting them', () => {
    const { capture, layer, receive } = setUp(engineIoUrl, { hasDuties: false, isDutiesEnabled: false });
    receive('0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}');
    receive('40{"sid":"n"}');
    const ticks = 70_000;
    for (let index = 0; index < ticks; index++) receive(`42["tick",${index}]`);
    expect(layer.frameProtocolNow(100)?.messages.map((message) => message.summary)).toEqual([expect.stringContaining('tick')]);
    capture.releaseBefore(capture.count);
    // The layer follows the capture at its next decode; the capture lets go 65,536 records at a time.
    receive('42["tick","last"]');
    expect(capture.releasedBefore).toBe(65_536);
    expect(layer.frameProtocolNow(100)).toMatchObject({ messages: [], isEvicted: true });
    expect(layer.frameProtocolNow(65_535)).toMatchObject({ messages: [], isEvicted: true });
    expect(layer.frameProtocolNow(65_536)?.messages).toHaveLength(1);
    expect(layer.frameProtocolNow(capture.count - 1)?.messages.map((message) => message.index)).toEqual([ticks + 3]);
    expect(layer.summary().messageCount).toBe(ticks + 3);
  });
});
