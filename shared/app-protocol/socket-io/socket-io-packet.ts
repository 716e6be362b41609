import { verbatim } from '../../i18n/message.js';
import { parseJson } from '../json-text.js';
import { parseProblem, type ParseProblem } from '../parse-problem.js';
import type { ProtocolValue } from '../protocol-message.js';

/**
 * Socket.IO packet types (Socket.IO protocol v5 and v4, "Packet format"). Type 4 is CONNECT_ERROR
 * from v3 on and ERROR in v2; both carry the reason.
 */
export const SOCKET_IO_PACKET_TYPES = ['CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK'] as const;

/** One of `SOCKET_IO_PACKET_TYPES`. */
export type SocketIoPacketType = (typeof SOCKET_IO_PACKET_TYPES)[number];

/** A Socket.IO packet as written in an Engine.IO message: `<type>[<attachments>-][<nsp>,][<id>][<json>]`. */
export interface SocketIoPacket {
  readonly type: SocketIoPacketType;
  readonly namespace: string;
  /** The acknowledgement id, when the sender wants an ACK (or this is one). */
  readonly id?: number;
  /** Binary attachments announced (BINARY_EVENT, BINARY_ACK). */
  readonly attachments?: number;
  /** The JSON data; undefined when the packet has none. */
  readonly data?: ProtocolValue;
}

/** Parses the Socket.IO packet in an Engine.IO message's data; why not when it is malformed. */
export function parseSocketIoPacket(text: string): SocketIoPacket | ParseProblem {
  const type = SOCKET_IO_PACKET_TYPES[text.charCodeAt(0) - 0x30];
  if (type === undefined) return parseProblem('protocols:parser.socketIo.type', { type: text.slice(0, 1) });
  let i = 1;
  let attachments: number | undefined;
  if (type === 'BINARY_EVENT' || type === 'BINARY_ACK') {
    const dash = text.indexOf('-', i);
    const count = dash < 0 ? '' : text.slice(i, dash);
    if (!/^\d+$/.test(count)) return parseProblem('protocols:parser.socketIo.attachmentCount', { type });
    attachments = Number(count);
    i = dash + 1;
  }
  let namespace = '/';
  if (text[i] === '/') {
    const comma = text.indexOf(',', i);
    const end = comma < 0 ? text.length : comma;
    namespace = text.slice(i, end);
    i = comma < 0 ? end : end + 1;
  }
  const digits = /^\d+/.exec(text.slice(i))?.[0];
  let id: number | undefined;
  if (digits !== undefined) {
    id = Number(digits);
    i += digits.length;
  }
  let data: ProtocolValue | undefined;
  if (i < text.length) {
    const parsed = parseJson(text.slice(i));
    if (!parsed.ok) return parseProblem('protocols:parser.socketIo.notJson', { type, reason: verbatim(parsed.reason) });
    data = parsed.value;
  }
  const problem = payloadProblem(type, data);
  if (problem !== undefined) return problem;
  return { type, namespace, ...(id === undefined ? {} : { id }), ...(attachments === undefined ? {} : { attachments }), ...(data === undefined ? {} : { data }) };
}

function payloadProblem(type: SocketIoPacketType, data: ProtocolValue | undefined): ParseProblem | undefined {
  switch (type) {
    case 'EVENT':
    case 'BINARY_EVENT':
      if (!Array.isArray(data) || data.length === 0) return parseProblem('protocols:parser.socketIo.eventArray', { type });
      if (typeof data[0] !== 'string' && typeof data[0] !== 'number') return parseProblem('protocols:parser.socketIo.eventName', { type });
      return undefined;
    case 'ACK':
    case 'BINARY_ACK':
      return Array.isArray(data) ? undefined : parseProblem('protocols:parser.socketIo.ackArray', { type });
    case 'CONNECT':
      return data === undefined || (typeof data === 'object' && data !== null && !Array.isArray(data)) ? undefined : parseProblem('protocols:parser.socketIo.connectObject');
    default:
      return undefined;
  }
}

/** Writes a packet's header (everything before the JSON data) the way socket.io-parser does. */
export function socketIoPacketHeader(type: SocketIoPacketType, namespace: string, id: number | undefined, attachments: number): string {
  const typeDigit = String(SOCKET_IO_PACKET_TYPES.indexOf(type));
  const attachmentPart = type === 'BINARY_EVENT' || type === 'BINARY_ACK' ? `${attachments}-` : '';
  const namespacePart = namespace !== '' && namespace !== '/' ? `${namespace},` : '';
  return `${typeDigit}${attachmentPart}${namespacePart}${id ?? ''}`;
}
