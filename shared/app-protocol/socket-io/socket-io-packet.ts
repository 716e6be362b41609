import { parseJson } from '../json-text.js';
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

/** Parses the Socket.IO packet in an Engine.IO message's data; a reason string when it is malformed. */
export function parseSocketIoPacket(text: string): SocketIoPacket | string {
  const type = SOCKET_IO_PACKET_TYPES[text.charCodeAt(0) - 0x30];
  if (type === undefined) return `"${text.slice(0, 1)}" is not a Socket.IO packet type (0–6)`;
  let i = 1;
  let attachments: number | undefined;
  if (type === 'BINARY_EVENT' || type === 'BINARY_ACK') {
    const dash = text.indexOf('-', i);
    const count = dash < 0 ? '' : text.slice(i, dash);
    if (!/^\d+$/.test(count)) return `a ${type} must start with its attachment count and "-"`;
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
    if (!parsed.ok) return `the ${type} data is not JSON (${parsed.reason})`;
    data = parsed.value;
  }
  const problem = payloadProblem(type, data);
  if (problem !== undefined) return problem;
  return { type, namespace, ...(id === undefined ? {} : { id }), ...(attachments === undefined ? {} : { attachments }), ...(data === undefined ? {} : { data }) };
}

function payloadProblem(type: SocketIoPacketType, data: ProtocolValue | undefined): string | undefined {
  switch (type) {
    case 'EVENT':
    case 'BINARY_EVENT':
      if (!Array.isArray(data) || data.length === 0) return `an ${type} carries a non-empty array: the event name, then its arguments`;
      if (typeof data[0] !== 'string' && typeof data[0] !== 'number') return `an ${type}'s first element is the event name`;
      return undefined;
    case 'ACK':
    case 'BINARY_ACK':
      return Array.isArray(data) ? undefined : `an ${type} carries an array of arguments`;
    case 'CONNECT':
      return data === undefined || (typeof data === 'object' && data !== null && !Array.isArray(data)) ? undefined : 'CONNECT data must be an object';
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
