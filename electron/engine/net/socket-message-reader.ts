import type { Socket } from 'node:net';
import type { SocksRead } from './socks5-messages.js';
import { readSocket } from './socket-read.js';
import { SocketClosedError } from './wait-for-socket.js';

/** A parse that has an answer: complete, or bytes that cannot be one. */
export type SettledRead<T> = Exclude<SocksRead<T>, { readonly state: 'incomplete' }>;

/**
 * Reads a proxy's answers off a socket one at a time, each as soon as its bytes are complete,
 * keeping what came after it for the next read; `handBackRest` returns the rest to the socket for
 * its next owner. Rejects with `SocketClosedError` when the peer hangs up first, with the socket's
 * error, or with the signal's reason when it aborts (the connect timeout).
 */
export class SocketMessageReader {
  private buffered: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly socket: Socket,
    private readonly signal: AbortSignal,
  ) {}

  /** Reads until `parse` settles. */
  read<T>(parse: (bytes: Uint8Array) => SocksRead<T>): Promise<SettledRead<T>> {
    return new Promise((resolve, reject) => {
      let release = (): void => undefined;
      const finish = (): void => {
        release();
        this.signal.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        finish();
        reject(this.signal.reason);
      };
      const settle = (): boolean => {
        const parsed = parse(this.buffered);
        if (parsed.state === 'incomplete') return false;
        finish();
        if (parsed.state === 'complete') this.buffered = this.buffered.subarray(parsed.length);
        resolve(parsed as SettledRead<T>);
        return true;
      };
      if (this.signal.aborted) return reject(this.signal.reason);
      if (settle()) return;
      if (this.socket.destroyed) return reject(new SocketClosedError('socket closed'));
      this.signal.addEventListener('abort', onAbort, { once: true });
      release = readSocket(this.socket, {
        onData: (chunk) => {
          this.buffered = concat(this.buffered, chunk);
          settle();
        },
        onEnd: () => {
          finish();
          reject(new SocketClosedError('socket closed'));
        },
        onError: (error) => {
          finish();
          reject(error);
        },
      });
    });
  }

  /** Puts the bytes after the last answer back on the socket, so none are lost before its next reader. */
  handBackRest(): void {
    if (this.buffered.length > 0) this.socket.unshift(Buffer.from(this.buffered));
    this.buffered = new Uint8Array(0);
  }
}

function concat(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length === 0) return right.slice();
  const joined = new Uint8Array(left.length + right.length);
  joined.set(left);
  joined.set(right, left.length);
  return joined;
}
