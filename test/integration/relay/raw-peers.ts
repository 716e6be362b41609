import { connect, createServer, type Server, type Socket } from 'node:net';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import type { FrameRecord } from '../../../shared/protocol/frame-record.js';
import { computeAccept } from '../../../shared/protocol/handshake-checks.js';

/** A WebSocket server written by hand for one test: it answers the upgrade and keeps every byte after it. */
export interface RawServer {
  readonly port: number;
  /** Bytes received after the 101, per connection, in order. */
  received(): Buffer;
  /** Writes raw bytes to the (first) connection. */
  write(bytes: Uint8Array): void;
  /** Frames decoded from what arrived (client frames, so masked). */
  frames(): FrameRecord[];
  connected(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a raw server on loopback: no WebSocket library between the test and the bytes. */
export async function startRawServer(): Promise<RawServer> {
  let chunks: Buffer[] = [];
  let connection: Socket | null = null;
  let announce: (() => void) | null = null;
  const connectedPromise = new Promise<void>((resolve) => (announce = resolve));
  const server: Server = createServer((socket) => {
    connection = socket;
    socket.on('error', () => undefined);
    let head = Buffer.alloc(0);
    let isUpgraded = false;
    socket.on('data', (data: Buffer) => {
      if (isUpgraded) return void chunks.push(data);
      head = Buffer.concat([head, data]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      const key = /sec-websocket-key:\s*(\S+)/i.exec(head.subarray(0, end).toString('latin1'))?.[1] ?? '';
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${computeAccept(key)}\r\n\r\n`);
      isUpgraded = true;
      chunks = [head.subarray(end + 4)];
      announce?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    received: () => Buffer.concat(chunks),
    write: (bytes) => void connection?.write(bytes),
    frames: () => decodeFrames(Buffer.concat(chunks), 'client'),
    connected: () => connectedPromise,
    stop: async () => {
      (connection as Socket | null)?.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A hand-written client: sends the upgrade, then whatever bytes the test writes; keeps every byte after the 101. */
export interface RawClient {
  readonly socket: Socket;
  readonly status: number;
  received(): Buffer;
  write(bytes: Uint8Array): void;
  frames(): FrameRecord[];
}

/** Opens a raw client to `port` with path `/`. */
export function openRawClient(port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('error', reject);
    let head = Buffer.alloc(0);
    let chunks: Buffer[] = [];
    let isOpen = false;
    socket.on('data', (data: Buffer) => {
      if (isOpen) return void chunks.push(data);
      head = Buffer.concat([head, data]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      isOpen = true;
      chunks = [head.subarray(end + 4)];
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head.toString('latin1'))?.[1] ?? 0);
      resolve({ socket, status, received: () => Buffer.concat(chunks), write: (bytes) => void socket.write(bytes), frames: () => decodeFrames(Buffer.concat(chunks), 'server') });
    });
    socket.once('connect', () => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'));
  });
}

/** Decodes a whole byte stream written by `role`. */
export function decodeFrames(bytes: Uint8Array, role: 'client' | 'server'): FrameRecord[] {
  const decoder = new FrameDecoder({ role, payloadRetentionBytes: 64 * 1024 * 1024 });
  return decoder.push(bytes, 0).filter((item): item is FrameRecord => item.kind === 'frame');
}
