import { MessageError } from '../../i18n/message-error.js';
import { message } from '../../i18n/message.js';
import { decodeUtf8 } from '../../protocol/utf8-text.js';

/** Thrown inside a packet parse when the bytes end early or break a rule (its `text` a message); the parser turns it into a violation. */
export class MalformedPacket extends MessageError {}

/** Reads the MQTT data types (MQTT 5 §1.5, 3.1.1 §1.5) from one packet's bytes. */
export class MqttByteReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Bytes not yet read. */
  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++] as number;
  }

  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  u32(): number {
    return this.u16() * 0x10000 + this.u16();
  }

  /** Variable Byte Integer (MQTT 5 §1.5.5): at most four bytes. */
  varint(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const byte = this.u8();
      value += (byte & 0x7f) * 128 ** i;
      if ((byte & 0x80) === 0) return value;
    }
    throw new MalformedPacket(message('protocols:parser.mqtt.varintTooLong'));
  }

  /** Binary Data: a two-byte length, then that many bytes. */
  binary(): Uint8Array {
    const length = this.u16();
    return this.take(length);
  }

  /** UTF-8 Encoded String (MQTT 5 §1.5.4). */
  text(): string {
    return decodeUtf8(this.binary());
  }

  /** The next `length` bytes (a view: packet bytes are never written to). */
  take(length: number): Uint8Array {
    this.need(length);
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  /** A reader over the next `length` bytes, which this reader skips. */
  sub(length: number): MqttByteReader {
    return new MqttByteReader(this.take(length));
  }

  /** Everything left. */
  rest(): Uint8Array {
    return this.take(this.remaining);
  }

  private need(count: number): void {
    if (this.offset + count > this.bytes.length) throw new MalformedPacket(message('protocols:parser.mqtt.endsEarly'));
  }
}
