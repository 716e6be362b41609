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
  readonly unframeable?: { readonly bytes: Uint8Array; readonly reason: string; readonly seqs: readonly number[] };
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
  private seqs: number[] = [];

  /** Bytes held for an unfinished packet. */
  get bufferedBytes(): number {
    return this.buffer.length;
  }

  push(bytes: Uint8Array, seqs: readonly number[]): MqttStreamOutput {
    this.buffer = this.buffer.length === 0 ? bytes : concat(this.buffer, bytes);
    this.seqs.push(...seqs);
    const packets: MqttStreamPacket[] = [];
    let offset = 0;
    while (this.buffer.length - offset >= 2) {
      const length = readRemainingLength(this.buffer, offset + 1);
      if (length === 'incomplete') break;
      if (length === 'malformed' || length.value > maxPacketBytes) {
        const reason = length === 'malformed' ? 'the Remaining Length runs past four bytes' : `a Remaining Length of ${length.value} bytes is beyond what Frameline buffers`;
        return { packets, unframeable: this.drop(offset, reason) };
      }
      const end = offset + 1 + length.length + length.value;
      if (end > this.buffer.length) break;
      const packetBytes = this.buffer.slice(offset, end);
      packets.push({ firstByte: packetBytes[0] as number, body: packetBytes.subarray(1 + length.length), bytes: packetBytes, seqs: [...this.seqs] });
      offset = end;
      if (offset < this.buffer.length) this.seqs = [...seqs];
    }
    this.buffer = this.buffer.slice(offset);
    if (this.buffer.length === 0) this.seqs = [];
    return { packets };
  }

  private drop(offset: number, reason: string): MqttStreamOutput['unframeable'] {
    const dropped = { bytes: this.buffer.slice(offset), reason, seqs: [...this.seqs] };
    this.buffer = new Uint8Array(0);
    this.seqs = [];
    return dropped;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
