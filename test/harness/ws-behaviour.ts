import type { RawData, WebSocket } from 'ws';
import type { LogBuffer } from './log-buffer.js';

/** What a `ws`-based test server does with each connection; the default is a plain echo. */
export interface WsBehaviourOptions {
  /** Send every message back as received (same opcode). Default true. */
  readonly isEcho?: boolean;
  /** Messages (string = text, bytes = binary) sent as soon as a client connects. */
  readonly messagesOnConnect?: ReadonlyArray<string | Uint8Array>;
  /** The server pings each client this often; the payloads count up ("1", "2", …). */
  readonly pingIntervalMs?: number;
  /** After the first message from a client, close with this code and reason. */
  readonly closeAfterMessage?: { readonly closeCode: number; readonly reason: string };
  /**
   * On a text message equal to a key, write these bytes straight onto the TCP socket instead of
   * echoing: frames `ws` itself would never send (a reserved opcode, a broken length).
   */
  readonly rawReplies?: Readonly<Record<string, Uint8Array>>;
}

/** A message a test server received. */
export interface ServerReceivedMessage {
  readonly data: Buffer;
  readonly isBinary: boolean;
}

/** Applies the behaviour to one accepted connection, logging and recording what arrives. */
export function applyWsBehaviour(
  socket: WebSocket,
  options: WsBehaviourOptions,
  log: LogBuffer,
  received: ServerReceivedMessage[],
): void {
  for (const message of options.messagesOnConnect ?? []) socket.send(message, { binary: typeof message !== 'string' });
  if (options.pingIntervalMs !== undefined) {
    let count = 0;
    const timer = setInterval(() => socket.ping(String(++count)), options.pingIntervalMs);
    socket.once('close', () => clearInterval(timer));
  }
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = toBuffer(data);
    received.push({ data: bytes, isBinary });
    log.append(`[ws] message ${bytes.length} bytes ${isBinary ? 'binary' : 'text'}\n`);
    const raw = isBinary ? undefined : options.rawReplies?.[bytes.toString()];
    if (raw !== undefined) (socket as WebSocket & { _socket: { write(bytes: Uint8Array): void } })._socket.write(raw);
    else if (options.isEcho ?? true) socket.send(bytes, { binary: isBinary });
    if (options.closeAfterMessage) socket.close(options.closeAfterMessage.closeCode, options.closeAfterMessage.reason);
  });
  socket.on('close', (code, reason) => log.append(`[ws] close ${code} ${reason.toString()}\n`));
  socket.on('error', (error) => log.append(`[ws] error ${error.message}\n`));
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
