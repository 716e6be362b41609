import { WebSocket } from 'ws';

// The reference client for the flood: a bare `ws` client that counts messages and answers the
// close (ws does that by itself). `node --import tsx bench/ws-flood-client.ts URL`.

const socket = new WebSocket(process.argv[2] as string);
let messages = 0;
socket.on('message', () => {
  messages += 1;
});
socket.on('close', () => {
  process.stdout.write(`${messages}\n`);
});
