import { parseProblem, type ParseProblem } from '../parse-problem.js';

/**
 * Engine.IO packet types (Engine.IO protocol v3 and v4, "Packet encoding"): over WebSocket each
 * text message is one packet, its type a single digit followed by the data.
 */
export const ENGINE_IO_PACKET_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;

/** One of `ENGINE_IO_PACKET_TYPES`. */
export type EnginePacketType = (typeof ENGINE_IO_PACKET_TYPES)[number];

/** A text Engine.IO packet: its type and the data after the type digit. */
export interface EngineTextPacket {
  readonly type: EnginePacketType;
  readonly data: string;
}

/** Reads the type digit of a text packet; why not when it is not one. */
export function parseEngineText(text: string): EngineTextPacket | ParseProblem {
  if (text.length === 0) return parseProblem('protocols:parser.engineIo.empty');
  const type = ENGINE_IO_PACKET_TYPES[text.charCodeAt(0) - 0x30];
  if (type === undefined) return parseProblem('protocols:parser.engineIo.type', { type: text[0] ?? '' });
  return { type, data: text.slice(1) };
}

/** The type digit of an Engine.IO packet. */
export function enginePacketDigit(type: EnginePacketType): string {
  return String(ENGINE_IO_PACKET_TYPES.indexOf(type));
}

/** Engine.IO 3 prefixes every binary WebSocket message with its packet type byte (4, message); Engine.IO 4 sends the bytes alone. */
export const EIO3_BINARY_MESSAGE_PREFIX = 4;
