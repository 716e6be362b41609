import { APP_PROTOCOLS } from '../shared/app-protocol/registry.js';
import type { ProtocolSessionContext } from '../shared/app-protocol/app-protocol.js';
import type { AppProtocolId } from '../shared/app-protocol/app-protocol-id.js';
import type { WireMessage } from '../shared/app-protocol/wire-message.js';
import { FrameDecoder } from '../shared/protocol/frame-decoder.js';
import { encodeFrame } from '../shared/protocol/frame-encoder.js';
import { Opcode } from '../shared/protocol/opcode.js';
import { encodeUtf8 } from '../shared/protocol/utf8-text.js';
import { CaptureLog } from '../electron/engine/capture/capture-log.js';
import { appendConnectionRecord } from '../electron/engine/connection/capture-records.js';
import { ProtocolLayer } from '../electron/engine/protocol/protocol-layer.js';
import type { ConnectionCommand } from '../shared/connection/connection-command.js';
import { seqCounterFrom } from '../shared/connection/connection-options.js';
import { WebSocketConnection } from '../shared/connection/websocket-connection.js';
import { defaultSessionLimits } from '../shared/contract/session-options.js';
import { packChunks, timeBoth } from './bench-harness.js';
import type { Workload } from './bench-harness.js';
import type { BenchResult } from './decode-bench.js';

const messageCount = 100_000;
const chunkBytes = 64 * 1024;

/** One small server message per protocol, as it typically looks on the wire. */
const samples: ReadonlyArray<{ readonly id: AppProtocolId; readonly context: ProtocolSessionContext; readonly isText: boolean; readonly bytes: Uint8Array }> = [
  { id: 'socket.io', context: { url: 'ws://h/socket.io/?EIO=4&transport=websocket', offeredSubprotocols: [] }, isText: true, bytes: encodeUtf8('42["chat:message",{"text":"hi","n":1}]') },
  { id: 'stomp', context: { url: 'ws://h/ws', offeredSubprotocols: ['v12.stomp'], acceptedSubprotocol: 'v12.stomp' }, isText: true, bytes: encodeUtf8('MESSAGE\nsubscription:sub-0\ndestination:/topic/a\nmessage-id:T_sub-0@@1\ncontent-length:12\n\n{"price":42}\0') },
  { id: 'mqtt', context: { url: 'ws://h/mqtt', offeredSubprotocols: ['mqtt'], acceptedSubprotocol: 'mqtt' }, isText: false, bytes: Uint8Array.of(0x30, 0x0f, 0x00, 0x09, ...encodeUtf8('sensors/t'), ...encodeUtf8('21.5')) },
  { id: 'graphql-ws', context: { url: 'ws://h/graphql', offeredSubprotocols: ['graphql-transport-ws'], acceptedSubprotocol: 'graphql-transport-ws' }, isText: true, bytes: encodeUtf8('{"id":"1","type":"next","payload":{"data":{"tick":1}}}') },
  { id: 'signalr', context: { url: 'ws://h/hub?id=1', offeredSubprotocols: [] }, isText: true, bytes: encodeUtf8('{"type":1,"target":"ReceiveMessage","arguments":["ann","hi"]}\u001e') },
];

/**
 * (e) Application-protocol decoding against the raw record path, for small server messages: the
 * raw side is what every session does per message today (decode the frames into records and
 * append them to the capture log); the protocol side decodes the same messages, as the connection
 * core hands them over, into protocol messages. The ratio column is raw time / protocol time: 0.5
 * means protocol decoding costs twice the raw path.
 */
export const appProtocolScenarios: ReadonlyArray<() => Promise<BenchResult>> = samples.map((sample) => () => protocolAgainstRaw(sample));

/**
 * (f) The engine path with a protocol layer against the same path without one, for the same small
 * server messages: a client-role connection core fed 64 KiB socket reads, its records appended to a
 * capture log as the engine's driver does; on the protocol side the core also reports completed
 * messages, which a `ProtocolLayer` (tracker, decoder, duties, bounded store by frame seq) takes in.
 * The ratio column is raw time / protocol time: 0.5 means the protocol layer doubles the cost.
 */
export const engineProtocolScenarios: ReadonlyArray<() => Promise<BenchResult>> = samples.map((sample) => () => engineWithAndWithout(sample));

async function engineWithAndWithout(sample: (typeof samples)[number]): Promise<BenchResult> {
  const frame = encodeFrame({ opcode: sample.isText ? Opcode.text : Opcode.binary, payload: sample.bytes });
  const workload = packChunks(Array.from({ length: messageCount }, () => frame), chunkBytes);
  const { oursSeconds, wsSeconds, ratio } = await timeBoth(() => enginePath(workload, sample, true), async () => enginePath(workload, sample, false), 3, 11);
  return { scenario: `(f) ${sample.id} engine path with protocol layer vs without, ${sample.bytes.length}-byte messages`, unit: 'messages/s', ours: messageCount / oursSeconds, ws: messageCount / wsSeconds, ratio };
}

/** The engine's receive path for one session: connection core → capture (→ protocol layer). */
function enginePath(workload: Workload, sample: (typeof samples)[number], withProtocol: boolean): number {
  const capture = new CaptureLog({ header: { created: { iso: '1970-01-01T00:00:00.000Z', epochMicros: 0 }, targetUrl: sample.context.url, options: { proxies: [], connectTo: null, tls: null }, endpoints: null, tls: null, handshake: null, extensions: [], subprotocol: sample.context.acceptedSubprotocol ?? null, redactions: [] } });
  const connection = new WebSocketConnection({
    role: 'client',
    mode: 'observe',
    limits: defaultSessionLimits,
    autoPong: true,
    autoPingIntervalMs: 0,
    nextMaskingKey: () => Uint8Array.of(1, 2, 3, 4),
    deflate: null,
    seqs: seqCounterFrom(0),
    reportsMessages: withProtocol,
  });
  const layer = withProtocol ? new ProtocolLayer(capture, { choice: sample.id, hasDuties: true, isDutiesEnabled: true }) : null;
  let frames = 0;
  const apply = (commands: readonly ConnectionCommand[]): void => {
    for (const command of commands) {
      if (command.type === 'record') {
        appendConnectionRecord(capture, command.record);
        if (command.record.kind === 'frame') frames++;
      } else if (command.type === 'wire-chunk') capture.appendWireChunk(command.direction, command.atMicros, command.byteLength);
      else if (command.type === 'message') layer?.receive(command.message);
    }
  };
  try {
    apply(connection.start(0));
    let atMicros = 0;
    for (const chunk of workload.chunks) apply(connection.receive(chunk, atMicros++));
  } finally {
    layer?.dispose();
    capture.dispose();
  }
  if (frames !== workload.messageCount) throw new Error(`recorded ${frames} of ${workload.messageCount} frames`);
  if (layer !== null && layer.summary().messageCount !== workload.messageCount) throw new Error(`${sample.id}: the layer decoded ${layer.summary().messageCount} of ${workload.messageCount}`);
  return frames;
}

async function protocolAgainstRaw(sample: (typeof samples)[number]): Promise<BenchResult> {
  const frame = encodeFrame({ opcode: sample.isText ? Opcode.text : Opcode.binary, payload: sample.bytes });
  const workload = packChunks(Array.from({ length: messageCount }, () => frame), chunkBytes);
  const messages = wireMessages(workload.chunks);
  const protocol = APP_PROTOCOLS.find((candidate) => candidate.id === sample.id);
  if (protocol === undefined) throw new Error(`no protocol ${sample.id}`);
  const decodeProtocol = (): number => {
    const decoder = protocol.createDecoder(sample.context);
    let decoded = 0;
    for (const message of messages) decoded += decoder.push(message).length;
    if (decoded !== messageCount) throw new Error(`${sample.id} decoded ${decoded} of ${messageCount}`);
    return decoded;
  };
  const { oursSeconds, wsSeconds, ratio } = await timeBoth(decodeProtocol, async () => recordPath(workload), 3, 11);
  return { scenario: `(e) ${sample.id} protocol decode vs raw records, ${sample.bytes.length}-byte messages`, unit: 'messages/s', ours: messageCount / oursSeconds, ws: messageCount / wsSeconds, ratio };
}

/** Frames decoded and appended to a capture log, as a session records them. */
function recordPath(workload: Workload): number {
  const capture = new CaptureLog({ header: { created: { iso: '1970-01-01T00:00:00.000Z', epochMicros: 0 }, targetUrl: 'ws://bench/', options: { proxies: [], connectTo: null, tls: null }, endpoints: null, tls: null, handshake: null, extensions: [], subprotocol: null, redactions: [] } });
  const decoder = new FrameDecoder({ role: 'server' });
  let frames = 0;
  let atMicros = 0;
  try {
    for (const chunk of workload.chunks) {
      capture.appendWireChunk('in', atMicros, chunk.length);
      for (const item of decoder.push(chunk, atMicros++)) {
        if (item.kind !== 'frame') continue;
        capture.appendFrame(item, 'in');
        frames++;
      }
    }
  } finally {
    capture.dispose();
  }
  if (frames !== workload.messageCount) throw new Error(`recorded ${frames} of ${workload.messageCount} frames`);
  return frames;
}

function wireMessages(chunks: readonly Uint8Array[]): WireMessage[] {
  const decoder = new FrameDecoder({ role: 'server' });
  const messages: WireMessage[] = [];
  let seq = 0;
  for (const chunk of chunks) {
    for (const item of decoder.push(chunk, seq)) {
      if (item.kind !== 'frame') continue;
      seq++;
      messages.push({ direction: 'in', atMicros: item.atMicros, isText: item.opcode === Opcode.text, bytes: item.payload, seqs: [seq] });
    }
  }
  return messages;
}
