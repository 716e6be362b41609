import type { CraftedFrame } from '../connection/outgoing.js';
import { encodeUtf8 } from '../protocol/utf8-text.js';
import { Opcode } from '../protocol/opcode.js';
import type { ExpectedEcho, SendStep, WritePlan } from './conformance-case.js';

/** Small helpers the group files build their scripts from. */

/** UTF-8 bytes of a text. */
export function utf8(text: string): Uint8Array {
  return encodeUtf8(text);
}

/** Bytes from hex digits, spaces allowed: `hex('ce ba')`. */
export function hex(digits: string): Uint8Array {
  const clean = digits.replace(/\s+/g, '');
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** `length` bytes of a repeating pattern: the text form cycles through printable ASCII. */
export function filler(length: number, seed = 0): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = 0x21 + ((i * 7 + seed) % 94);
  return bytes;
}

/** `length` bytes of every value 0–255 in a scrambled order (binary payloads). */
export function binaryFiller(length: number, seed = 0): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** A text message the server must echo. */
export function sendText(payload: Uint8Array, write?: WritePlan): SendStep {
  return { kind: 'send', outgoing: { kind: 'text', payload }, echo: { opcode: 1, payload }, ...(write ? { write } : {}) };
}

/** A binary message the server must echo. */
export function sendBinary(payload: Uint8Array, write?: WritePlan): SendStep {
  return { kind: 'send', outgoing: { kind: 'binary', payload }, echo: { opcode: 2, payload }, ...(write ? { write } : {}) };
}

/** A ping the server must answer with a pong carrying the same payload (§5.5.2). */
export function sendPing(payload: Uint8Array, write?: WritePlan): SendStep {
  return { kind: 'send', outgoing: { kind: 'ping', payload }, pong: payload, ...(write ? { write } : {}) };
}

/** Crafted frames, with what the server must do about them. */
export function sendFrames(frames: readonly CraftedFrame[], annotations: Omit<SendStep, 'kind' | 'outgoing'> = {}): SendStep {
  return { kind: 'send', outgoing: { kind: 'frames', frames }, ...annotations };
}

/** The frames of one message split at the given payload offsets (§5.4): the opcode first, then continuations, FIN last. */
export function splitMessage(opcode: number, payload: Uint8Array, offsets: readonly number[]): CraftedFrame[] {
  const bounds = [0, ...offsets, payload.length];
  const frames: CraftedFrame[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    frames.push({ opcode: i === 0 ? opcode : Opcode.continuation, payload: payload.subarray(bounds[i], bounds[i + 1]), fin: i === bounds.length - 2 });
  }
  return frames;
}

/** The frames of one message in pieces of `size` bytes. */
export function fragmentsOf(opcode: number, payload: Uint8Array, size: number): CraftedFrame[] {
  const offsets: number[] = [];
  for (let offset = size; offset < payload.length; offset += size) offsets.push(offset);
  return splitMessage(opcode, payload, offsets);
}

/** What the server must echo for a text (1) or binary (2) message. */
export function echoOf(opcode: 1 | 2, payload: Uint8Array): ExpectedEcho {
  return { opcode, payload };
}

/** One byte per write, a millisecond apart, so the server reads it a byte at a time. */
export const byteByByte: WritePlan = { chopBytes: 1, paceMs: 1 };
