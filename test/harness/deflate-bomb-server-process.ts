import { WebSocketServer } from 'ws';

// The `ws` library's server as its own process, with permessage-deflate: every client gets
// `count` binary messages of `bytes` zero bytes (each a few tens of KiB on the wire, `bytes` once
// inflated), one after another, then a close 1000. Prints "READY port=<port>" once listening.

const count = Number(process.argv[2] ?? 3);
const bytes = Number(process.argv[3] ?? 64 * 1024 * 1024);
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: { threshold: 0 } });

server.on('connection', (socket) => {
  socket.on('error', () => undefined);
  const zeros = Buffer.alloc(bytes);
  let sent = 0;
  const next = (): void => {
    if (sent === count) return socket.close(1000, 'done');
    sent += 1;
    socket.send(zeros, { binary: true, compress: true }, (error) => (error ? socket.terminate() : next()));
  };
  next();
});
server.on('listening', () => {
  const address = server.address();
  process.stdout.write(`READY port=${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => process.exit(0));
