import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';

/**
 * A hostile WebSocket server as its own process (run by hostile-server.ts): for every connection
 * it reads the request head, then writes the scripted answer byte for byte (`{{accept}}` replaced
 * by the Sec-WebSocket-Accept of the request's key), then the scripted frames, then closes or
 * stays silent. Prints "READY port=<port>" once listening.
 */
interface Script {
  readonly head: string;
  readonly frames: readonly string[];
  readonly then: 'close' | 'wait';
}

// The script as an argument, or in a file when too large for one (`--script-file PATH`).
const script = JSON.parse(process.argv[2] === '--script-file' ? readFileSync(process.argv[3] ?? '', 'utf8') : (process.argv[2] ?? '{}')) as Script;

function accept(key: string): string {
  return createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
}

function answer(socket: Socket, request: string): void {
  const key = /^sec-websocket-key:\s*(\S+)/im.exec(request)?.[1] ?? '';
  const head = Buffer.from(script.head, 'base64').toString('latin1').replace('{{accept}}', accept(key));
  socket.write(Buffer.from(head, 'latin1'));
  for (const frame of script.frames) socket.write(Buffer.from(frame, 'base64'));
  if (script.then === 'close') socket.end();
}

const server = createServer((socket) => {
  let received = '';
  socket.on('error', () => undefined);
  const onData = (chunk: Buffer): void => {
    received += chunk.toString('latin1');
    if (!received.includes('\r\n\r\n')) return;
    socket.off('data', onData);
    socket.on('data', () => undefined);
    answer(socket, received);
  };
  socket.on('data', onData);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY port=${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => process.exit(0));
