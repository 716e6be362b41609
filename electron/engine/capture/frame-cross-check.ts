import { parseClosePayload } from '../../../shared/protocol/close-payload.js';
import { headerLengthFromSecondByte, parseFrameHeader } from '../../../shared/protocol/frame-header.js';
import { Opcode } from '../../../shared/protocol/opcode.js';
import { message, type Message } from '../../../shared/i18n/message.js';
import type { CapturedFrame } from './captured-record.js';
import { maskingKeyHex } from './record-json.js';

/** A frame field that disagrees with the frame's own bytes, and what the bytes say (the `capture:bytes.*` sentences). */
export interface FieldDisagreement {
  readonly field: 'headerBytes' | 'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'masked' | 'maskingKey' | 'payloadLength' | 'closeCode' | 'closeReason';
  readonly expected: Message;
}

/**
 * Checks an imported frame against its own bytes: FIN, RSV1–3, the opcode, the mask bit, the
 * masking key and the declared length against `headerBytes` (§5.2), and the close code and reason
 * against the payload of a close frame (§5.5.1) when the file states them. Returns the first field, in file order, that
 * disagrees, so an edited or corrupted file is refused naming it rather than shown wrong. A
 * redacted frame's payload was replaced on purpose and is not checked against its close fields.
 */
export function crossCheckFrame(frame: CapturedFrame): FieldDisagreement | null {
  return checkHeader(frame) ?? checkClose(frame);
}

function checkHeader(frame: CapturedFrame): FieldDisagreement | null {
  const bytes = frame.headerBytes;
  if (bytes.byteLength < 2) return { field: 'headerBytes', expected: message('capture:bytes.headerTooShort', { count: bytes.byteLength }) };
  // A masked frame whose masking key never arrived keeps the header without its last 4 bytes.
  const isKeyMissing = frame.masked && frame.maskingKey === null;
  const length = headerLengthFromSecondByte(bytes[1] as number) - (isKeyMissing ? 4 : 0);
  if (bytes.byteLength !== length) return { field: 'headerBytes', expected: message('capture:bytes.headerLength', { byteLength: bytes.byteLength, headerLength: length }) };
  const header = parseFrameHeader(isKeyMissing ? Uint8Array.from([...bytes, 0, 0, 0, 0]) : bytes, length + (isKeyMissing ? 4 : 0));
  if (header.fin !== frame.fin) return { field: 'fin', expected: bit(header.fin, 'FIN') };
  if (header.rsv1 !== frame.rsv1) return { field: 'rsv1', expected: bit(header.rsv1, 'RSV1') };
  if (header.rsv2 !== frame.rsv2) return { field: 'rsv2', expected: bit(header.rsv2, 'RSV2') };
  if (header.rsv3 !== frame.rsv3) return { field: 'rsv3', expected: bit(header.rsv3, 'RSV3') };
  if (header.opcode !== frame.opcode) return { field: 'opcode', expected: asInHeader(header.opcode) };
  if (header.masked !== frame.masked) return { field: 'masked', expected: bit(header.masked, 'MASK') };
  if (!isKeyMissing && header.maskingKey !== null && frame.maskingKey !== null && maskingKeyHex(header.maskingKey) !== maskingKeyHex(frame.maskingKey)) {
    return { field: 'maskingKey', expected: asInHeader(`"${maskingKeyHex(header.maskingKey)}"`) };
  }
  if (header.masked && !isKeyMissing && frame.maskingKey === null) return { field: 'maskingKey', expected: asInHeader(`"${maskingKeyHex(header.maskingKey as Uint8Array)}"`) };
  if (header.payloadLength !== frame.payloadLength) return { field: 'payloadLength', expected: asInHeader(header.payloadLength) };
  return null;
}

function bit(value: boolean, name: string): Message {
  return message('capture:bytes.bit', { value: String(value), bit: name });
}

function asInHeader(value: string | number): Message {
  return message('capture:bytes.asInHeader', { value });
}

function checkClose(frame: CapturedFrame): FieldDisagreement | null {
  if (frame.redacted === true) return null;
  if (frame.opcode !== Opcode.close) {
    if (frame.closeCode !== undefined) return { field: 'closeCode', expected: message('capture:bytes.closeOnly', { opcode: frame.opcode }) };
    if (frame.closeReason !== undefined) return { field: 'closeReason', expected: message('capture:bytes.closeOnly', { opcode: frame.opcode }) };
    return null;
  }
  // A file may leave the close fields out; when it states them they must be what the payload says.
  const parsed = parseClosePayload(frame.payload);
  if (frame.closeCode !== undefined && frame.closeCode !== parsed.closeCode) {
    const expected =
      parsed.closeCode === undefined
        ? message('capture:bytes.noCloseCode', { count: frame.payload.byteLength })
        : message('capture:bytes.closeCode', { closeCode: parsed.closeCode });
    return { field: 'closeCode', expected };
  }
  if (frame.closeReason !== undefined && frame.closeReason !== parsed.closeReason) {
    return { field: 'closeReason', expected: message('capture:bytes.closeReason', { closeReason: JSON.stringify(parsed.closeReason ?? '') }) };
  }
  return null;
}
