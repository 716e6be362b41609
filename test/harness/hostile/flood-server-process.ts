// A flooding or lying WebSocket server, run as its own process (`node --import tsx flood-server-process.ts MODE`):
// no real peer misbehaves this way on purpose. It upgrades every connection, then
//   flood N        sends one text message as N one-byte fragments, then a close 1000, ignoring
//                  whatever the client sends (our close included) and never closing TCP itself;
//   huge-header    sends the header of a binary frame declaring 2^62 bytes, then 16 bytes of it,
//                  then stays silent with the connection open.
// Prints "READY port=<port>" once listening.
import { createServer, type Socket } from 'node:net';
import { readRequestHead } from '../read-request-head.js';
import { websocketAccept } from '../websocket-accept.js';

const [mode = 'flood', countText = '1000000'] = process.argv.slice(2);

function floodBytes(count: number): Buffer {
  // §5.4: the first fragment carries the opcode, continuations follow, FIN on the last.
  const bytes = Buffer.alloc(count * 3 + 4);
  for (let index = 0; index < count; index++) {
    const first = index === 0 ? 0x01 : index === count - 1 ? 0x80 : 0x00;
    bytes[index * 3] = count === 1 ? 0x81 : first;
    bytes[index * 3 + 1] = 0x01;
    bytes[index * 3 + 2] = 0x61;
  }
  bytes.set([0x88, 0x02, 0x03, 0xe8], count * 3);
  return bytes;
}

function hugeHeader(): Buffer {
  return Buffer.concat([Buffer.from([0x82, 0x7f, 0x40, 0, 0, 0, 0, 0, 0, 0]), Buffer.alloc(16, 0x62)]);
}

function serve(socket: Socket): void {
  socket.on('error', () => undefined);
  readRequestHead(socket).then(
    (head) => {
      const key = head.headers.get('sec-websocket-key') ?? '';
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${websocketAccept(key)}\r\n\r\n`);
      socket.write(mode === 'huge-header' ? hugeHeader() : floodBytes(Number(countText)));
      // Whatever the client sends is read and dropped; the client has to end the connection.
      socket.resume();
    },
    () => socket.destroy(),
  );
}

const server = createServer(serve);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`READY port=${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
