import { message, type Message } from '../../i18n/message.js';
import { readRemainingLength } from './mqtt-varint.js';

/** One control packet cut out of the byte stream, with the frame seqs of the messages it spans. */
export interface MqttStreamPacket {
  readonly firstByte: number;
  readonly body: Uint8Array;
  readonly bytes: Uint8Array;
  readonly seqs: readonly number[];
}

/** What a push yields: whole packets, then possibly bytes that cannot be framed. */
export interface MqttStreamOutput {
  readonly packets: MqttStreamPacket[];
  readonly unframeable?: { readonly bytes: Uint8Array; readonly reason: Message; readonly seqs: readonly number[] };
}

/** A Remaining Length above this is refused instead of waited for (the MQTT maximum is 256 MiB). */
const maxPacketBytes = 16 * 1024 * 1024;

/**
 * Cuts one direction's byte stream into control packets. MQTT over WebSocket lets a message hold
 * several packets or part of one (MQTT 5 §6), so bytes wait here until a packet is whole. A length
 * that cannot be read ends the stream's framing; it restarts with the next message.
 */
export class MqttStream {
  private buffer: Uint8Array = new Uint8Array(0);
  private heldSeqs: readonly number[] = [];

  /** Bytes held for an unfinished packet. */
  get bufferedBytes(): number {
    return this.buffer.length;
  }

  push(bytes: Uint8Array, seqs: readonly number[]): MqttStreamOutput {
    const held = this.buffer.length > 0;
    const data = held ? concat(this.buffer, bytes) : bytes;
    // A packet starting in held bytes spans messages: it carries the seqs of all of them.
    const spanningSeqs = held ? [...this.heldSeqs, ...seqs] : seqs;
    const packets: MqttStreamPacket[] = [];
    let offset = 0;
    while (data.length - offset >= 2) {
      const length = readRemainingLength(data, offset + 1);
      if (length === 'incomplete') break;
      if (length === 'malformed' || length.value > maxPacketBytes) {
        const reason = length === 'malformed' ? message('protocols:parser.mqtt.remainingLengthTooLong') : message('protocols:parser.mqtt.remainingLengthTooLarge', { length: length.value });
        this.buffer = new Uint8Array(0);
        this.heldSeqs = [];
        return { packets, unframeable: { bytes: data.slice(offset), reason, seqs: offset === 0 ? spanningSeqs : seqs } };
      }
      const end = offset + 1 + length.length + length.value;
      if (end > data.length) break;
      // Views, not copies: message bytes are never written to once received.
      packets.push({ firstByte: data[offset] as number, body: data.subarray(offset + 1 + length.length, end), bytes: data.subarray(offset, end), seqs: offset === 0 ? spanningSeqs : seqs });
      offset = end;
    }
    this.buffer = offset < data.length ? data.slice(offset) : new Uint8Array(0);
    this.heldSeqs = offset < data.length ? (offset === 0 ? spanningSeqs : seqs) : [];
    return { packets };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
