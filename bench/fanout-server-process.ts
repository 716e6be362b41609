import { WebSocket, WebSocketServer } from 'ws';

// The fan-out bench's server: the `ws` library broadcasting every message to every client, in its own process.
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, backlog: 4096 });
server.on('headers', (headers) => headers.push('X-Served-By: bench'));
server.on('connection', (socket) => {
  socket.on('error', () => undefined);
  socket.on('message', (data, isBinary) => {
    for (const client of server.clients) if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
  });
});
server.on('listening', () => {
  const address = server.address();
  process.stdout.write(`READY port=${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
