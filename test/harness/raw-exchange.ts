import { connect, type Socket } from 'node:net';

/** What a raw exchange ended with. */
export interface RawExchange {
  /** Every byte the server sent, as Latin-1 text. */
  readonly received: string;
  /** How the connection ended: the server closed it, reset it, or it was still open after `waitMs`. */
  readonly end: 'closed' | 'reset' | 'open';
}

/** How to end a raw exchange from the client's side. */
export interface RawExchangeOptions {
  /** How long to wait for the server after the bytes are written. Default 2 s. */
  readonly waitMs?: number;
  /** After writing: half-close (FIN), reset (RST), or keep the socket open until the wait ends. */
  readonly then?: 'fin' | 'rst' | 'wait';
}

/**
 * Writes exactly these bytes to a loopback port and collects what comes back, bounded in time; for
 * sending requests no well-behaved client would (malformed targets, truncated heads, garbage).
 */
export function rawExchange(port: number, bytes: string | Uint8Array, options: RawExchangeOptions = {}): Promise<RawExchange> {
  const waitMs = options.waitMs ?? 2_000;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket: Socket = connect(port, '127.0.0.1');
    let timer: NodeJS.Timeout | undefined;
    const finish = (end: RawExchange['end']): void => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve({ received: Buffer.concat(chunks).toString('latin1'), end });
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => finish('closed'));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish('reset');
      else reject(error);
    });
    socket.once('connect', () => {
      socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
      if (options.then === 'rst') {
        socket.resetAndDestroy();
        finish('reset');
        return;
      }
      if (options.then === 'fin') socket.end();
      timer = setTimeout(() => finish('open'), waitMs);
    });
  });
}
