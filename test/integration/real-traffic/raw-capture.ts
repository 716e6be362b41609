import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { websocketAccept } from '../../harness/websocket-accept.js';

/** What a hand-driven client read from a real server. */
export interface RawCapture {
  /** Response header lines after the status line, as received. */
  readonly responseHeaders: Array<[string, string]>;
  /** Every byte the server wrote after the 101 head, until it ended the connection. */
  readonly stream: Buffer;
}

/** Options for `captureServerBytes`. */
export interface RawCaptureOptions {
  readonly port: number;
  /** The Sec-WebSocket-Extensions offer, if any. */
  readonly extensions?: string;
  /** Send the close frame once the server has been quiet this long after its last byte. Default 200. */
  readonly quietMs?: number;
  readonly timeoutMs?: number;
}

/**
 * A client written by hand with no Frameline code in it: it sends an Upgrade request, checks the
 * 101 and its Accept value, keeps every later byte exactly as read, and once the server
 * has stopped writing (quiet for `quietMs`) sends a masked close 1000 so the server ends with its own close frame and a FIN.
 */
export function captureServerBytes(options: RawCaptureOptions): Promise<RawCapture> {
  const key = randomBytes(16).toString('base64');
  const request = [
    'GET / HTTP/1.1',
    `Host: 127.0.0.1:${options.port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
    ...(options.extensions ? [`Sec-WebSocket-Extensions: ${options.extensions}`] : []),
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: options.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`raw capture: the server did not finish within ${options.timeoutMs ?? 10_000} ms`));
    }, options.timeoutMs ?? 10_000);
    let buffered = Buffer.alloc(0);
    let headers: Array<[string, string]> | null = null;
    let stream = Buffer.alloc(0);
    let quietTimer: NodeJS.Timeout | undefined;
    const sendCloseWhenQuiet = (): void => {
      clearTimeout(quietTimer);
      quietTimer = setTimeout(() => socket.write(maskedClose1000()), options.quietMs ?? 200);
    };
    socket.on('connect', () => socket.write(request));
    socket.on('error', (error) => {
      clearTimeout(timer);
      clearTimeout(quietTimer);
      reject(error);
    });
    socket.on('data', (chunk: Buffer) => {
      if (headers === null) {
        buffered = Buffer.concat([buffered, chunk]);
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) return;
        const [statusLine, ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
        if (!/^HTTP\/1\.1 101 /.test(statusLine ?? '')) {
          socket.destroy();
          return reject(new Error(`raw capture: expected 101, got ${statusLine}`));
        }
        headers = lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]);
        const accept = headers.find(([name]) => name.toLowerCase() === 'sec-websocket-accept')?.[1];
        if (accept !== websocketAccept(key)) {
          socket.destroy();
          return reject(new Error(`raw capture: wrong Sec-WebSocket-Accept ${accept}`));
        }
        chunk = buffered.subarray(end + 4);
      }
      stream = Buffer.concat([stream, chunk]);
      if (stream.length > 0) sendCloseWhenQuiet();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      clearTimeout(quietTimer);
      if (headers === null) return reject(new Error('raw capture: connection closed before the 101'));
      resolve({ responseHeaders: headers, stream });
    });
  });
}

/** §5.5.1 close frame with code 1000, masked (§5.3) with a random key. */
function maskedClose1000(): Buffer {
  const mask = randomBytes(4);
  const payload = Buffer.from([0x03, 0xe8]);
  return Buffer.concat([Buffer.from([0x88, 0x80 | payload.length]), mask, Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!))]);
}
