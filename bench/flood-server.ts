import { createHash } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { floodMessage } from './synthetic-capture.js';

// A WebSocket server that floods each client with `messages` text frames of 64 bytes as fast as
// the socket takes them, then sends a close frame and times how long the client took to read
// everything and answer the close; it also says when (epoch ms) it sent the 101, so a caller can
// time the client up to its exit, output included. Run as its own process (`node --import tsx bench/flood-server.ts
// MESSAGES [RATE]`) so it has its own core; it prints {"port"} once, then {"messages","seconds"} per client.
// With RATE (messages/s) it paces instead: on each millisecond tick it sends the messages due by
// then, so a client sees a steady stream rather than bursts; a tick that falls behind (a busy core,
// a full socket) catches up at most `catchUpTicks` ticks' worth, and the report says what was sent.

const messages = Number(process.argv[2] ?? 1_000_000);
const ratePerSecond = process.argv[3] === undefined ? null : Number(process.argv[3]);
const catchUpTicks = 10;
const framesPerWrite = 1000;
const guid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

// One write's worth of frames, built once and written again and again.
function batch(count: number): Buffer {
  const parts: Buffer[] = [];
  for (let index = 0; index < count; index += 1) {
    const payload = floodMessage(index);
    parts.push(Buffer.from([0x81, payload.byteLength]), Buffer.from(payload));
  }
  return Buffer.concat(parts);
}

const fullBatch = batch(framesPerWrite);
const lastBatch = batch(messages % framesPerWrite);

function serve(socket: Socket): void {
  let head = Buffer.alloc(0);
  const onHead = (data: Buffer): void => {
    head = Buffer.concat([head, data]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    socket.off('data', onHead);
    const key = /sec-websocket-key:\s*(\S+)/i.exec(head.subarray(0, end).toString('latin1'))?.[1] ?? '';
    const accept = createHash('sha1').update(key + guid).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    const startedAtMs = performance.timeOrigin + performance.now();
    if (ratePerSecond === null) flood(socket, startedAtMs);
    else pace(socket, ratePerSecond, startedAtMs);
  };
  socket.on('data', onHead);
  socket.on('error', () => socket.destroy());
}

function flood(socket: Socket, startedAtMs: number): void {
  const start = performance.now();
  let sent = 0;
  const pump = (): void => {
    while (sent < messages) {
      const isFull = messages - sent >= framesPerWrite;
      sent += isFull ? framesPerWrite : messages % framesPerWrite;
      if (!socket.write(isFull ? fullBatch : lastBatch)) return void socket.once('drain', pump);
    }
    socket.write(Buffer.from([0x88, 0x02, 0x03, 0xe8]));
    // The client answers the close only after it has read every frame before it.
    socket.once('data', () => {
      const seconds = (performance.now() - start) / 1000;
      process.stdout.write(`${JSON.stringify({ messages, seconds, startedAtMs })}\n`);
      socket.end();
    });
  };
  pump();
}

// Every frame is 66 bytes, so any run of whole frames is a slice of the prebuilt batch.
function slice(from: number, count: number): Buffer {
  const frameBytes = fullBatch.byteLength / framesPerWrite;
  const start = (from % framesPerWrite) * frameBytes;
  return fullBatch.subarray(start, start + Math.min(count, framesPerWrite - (from % framesPerWrite)) * frameBytes);
}

function pace(socket: Socket, rate: number, startedAtMs: number): void {
  const start = performance.now();
  let sent = 0;
  let sentTotal = 0;
  let isBlocked = false;
  socket.on('drain', () => (isBlocked = false));
  const timer = setInterval(() => {
    if (isBlocked || socket.destroyed) return;
    const elapsedMs = performance.now() - start;
    const due = Math.min(messages, Math.floor((elapsedMs * rate) / 1000));
    // Messages a stalled tick owes beyond the catch-up allowance are dropped from the schedule, not burst.
    if (due - sent > (catchUpTicks * rate) / 1000) sent = due - Math.ceil((catchUpTicks * rate) / 1000);
    let written = sent;
    while (written < due && !isBlocked) {
      const part = slice(written, due - written);
      written += part.byteLength / (fullBatch.byteLength / framesPerWrite);
      isBlocked = !socket.write(part);
    }
    sentTotal += written - sent;
    sent = written;
    if (sent < messages) return;
    clearInterval(timer);
    socket.end(Buffer.from([0x88, 0x02, 0x03, 0xe8]));
    const seconds = (performance.now() - start) / 1000;
    process.stdout.write(`${JSON.stringify({ messages: sentTotal, seconds, startedAtMs })}\n`);
  }, 1);
  socket.on('close', () => clearInterval(timer));
}

const server = createServer(serve);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
