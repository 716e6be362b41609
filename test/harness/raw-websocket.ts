import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { websocketAccept } from './websocket-accept.js';

/** A WebSocket whose frames the test writes byte by byte, to send what no library would. */
export interface RawWebSocket {
  /** Writes raw bytes (frames, or anything else). */
  write(bytes: Uint8Array): void;
  /** Everything received after the 101 head. */
  received(): Buffer;
  /** Resolves with how the server ended the connection, or 'open' when it still is after `waitMs`. */
  ended(waitMs: number): Promise<'closed' | 'reset' | 'open'>;
  destroy(): void;
}

/**
 * Opens a WebSocket on loopback by hand (RFC 6455 §4.1) and checks the 101 and its Accept, then
 * hands over the socket. Rejects with the server's answer when it does not switch protocols.
 */
export function openRawWebSocket(port: number, target: string, headers: Record<string, string>): Promise<RawWebSocket> {
  const key = randomBytes(16).toString('base64');
  const lines = [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let head = Buffer.alloc(0);
    let after = Buffer.alloc(0);
    let end: 'closed' | 'reset' | null = null;
    const endListeners = new Set<() => void>();
    const markEnd = (how: 'closed' | 'reset'): void => {
      end ??= how;
      endListeners.forEach((listener) => listener());
    };
    let isOpen = false;
    socket.on('error', (error: NodeJS.ErrnoException) => (isOpen ? markEnd(error.code === 'ECONNRESET' ? 'reset' : 'closed') : reject(error)));
    socket.on('close', () => (isOpen ? markEnd('closed') : reject(new Error(`closed before a 101:\n${head.toString('latin1')}`))));
    socket.on('data', (chunk: Buffer) => {
      if (isOpen) {
        after = Buffer.concat([after, chunk]);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const endOfHead = head.indexOf('\r\n\r\n');
      if (endOfHead === -1) return;
      const text = head.subarray(0, endOfHead).toString('latin1');
      if (!text.startsWith('HTTP/1.1 101') || !text.includes(`Sec-WebSocket-Accept: ${websocketAccept(key)}`)) {
        socket.destroy();
        reject(new Error(`no 101 from the server:\n${text}`));
        return;
      }
      isOpen = true;
      after = head.subarray(endOfHead + 4);
      resolve({
        write: (bytes) => socket.write(bytes),
        received: () => after,
        ended: (waitMs) =>
          new Promise((done) => {
            if (end) return done(end);
            const timer = setTimeout(() => done('open'), waitMs);
            endListeners.add(() => {
              clearTimeout(timer);
              done(end ?? 'closed');
            });
          }),
        destroy: () => socket.destroy(),
      });
    });
    socket.once('connect', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
  });
}
