import { createHash } from 'node:crypto';

/** RFC 6455 §4.2.2: the GUID a server appends to Sec-WebSocket-Key before hashing. */
const handshakeGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The Sec-WebSocket-Accept value for a Sec-WebSocket-Key (RFC 6455 §4.2.2). */
export function websocketAccept(key: string): string {
  return createHash('sha1').update(key + handshakeGuid).digest('base64');
}
