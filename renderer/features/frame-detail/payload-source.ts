import type { AssembledMessage } from '../../../shared/contract/api-session.js';
import type { FrameRecordJson, RecordJson } from '../../../shared/contract/records.js';
import { base64ToBytes } from '../../lib/bytes.js';
import type { PayloadSource } from '../composer/draft-from-payload.js';

/** The message a frame belongs to, when it is the one loaded. */
export function messageOfFrame(record: FrameRecordJson, message: AssembledMessage | null): AssembledMessage | null {
  if (!message || message.direction !== record.direction || message.messageId !== record.messageId) return null;
  return record.seq >= message.firstSeq && record.seq <= message.lastSeq ? message : null;
}

/** A frame's own payload as a reader wants it: the inflated message of a compressed frame, else its unmasked bytes. */
export function framePayload(record: FrameRecordJson): Uint8Array {
  return base64ToBytes(record.inflatedPayload ?? record.payload);
}

/** What resend and "edit in composer" take from a frame: the whole message when it is a fragment and the message is known. */
export function sendableSource(record: FrameRecordJson, message: AssembledMessage | null): PayloadSource {
  const whole = messageOfFrame(record, message);
  if (whole && whole.frameCount > 1) return { opcode: whole.opcode, payload: base64ToBytes(whole.payload) };
  return {
    opcode: record.opcode,
    payload: framePayload(record),
    ...(record.closeCode !== undefined ? { closeCode: record.closeCode } : {}),
    ...(record.closeReason !== undefined ? { closeReason: record.closeReason } : {}),
  };
}

/** The bytes of any record for a diff: a frame's (or its whole message's) payload; other records as JSON text. */
export function comparableBytes(record: RecordJson, message: AssembledMessage | null): Uint8Array {
  if (record.kind !== 'frame') return new TextEncoder().encode(JSON.stringify(record, null, 2));
  const whole = messageOfFrame(record, message);
  return whole ? base64ToBytes(whole.payload) : framePayload(record);
}
