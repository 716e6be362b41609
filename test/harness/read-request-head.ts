import type { Socket } from 'node:net';

/** The request line and headers a raw server received, as sent. */
export interface RequestHead {
  readonly text: string;
  /** Header names lower-cased; the last value wins. */
  readonly headers: ReadonlyMap<string, string>;
}

const maxHeadBytes = 64 * 1024;

/** Reads from a socket up to the blank line that ends an HTTP request head (RFC 9112 §2.1). */
export function readRequestHead(socket: Socket): Promise<RequestHead> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) {
        if (buffered.length > maxHeadBytes) fail(new Error('request head too large'));
        return;
      }
      socket.off('data', onData);
      socket.off('error', fail);
      const text = buffered.subarray(0, end).toString('latin1');
      resolve({ text, headers: parseHeaders(text) });
    };
    const fail = (error: Error): void => {
      socket.off('data', onData);
      reject(error);
    };
    socket.on('data', onData);
    socket.once('error', fail);
  });
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}
