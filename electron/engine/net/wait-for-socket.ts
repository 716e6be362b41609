import type { Duplex } from 'node:stream';

/** Raised when a socket closes before the awaited event. */
export class SocketClosedError extends Error {
  /** Classified like a reset: the peer or a timeout ended the connection. */
  readonly code = 'ECONNRESET';
}

/**
 * Resolves on `event`, rejects on `error`, on `close` first, or when `signal` aborts. Removes
 * its listeners either way, so the socket leaves with only its owner's listeners.
 */
export function waitForSocket(socket: Duplex, event: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      socket.off(event, onEvent);
      socket.off('error', onError);
      socket.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
    };
    const onEvent = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new SocketClosedError('socket closed'));
    };
    const onAbort = (): void => {
      cleanup();
      socket.destroy();
      reject(signal.reason);
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    // Already gone, e.g. tls.connect failing synchronously: report the error it died of.
    if (socket.destroyed) {
      reject(socket.errored ?? new SocketClosedError('socket closed'));
      return;
    }
    socket.once(event, onEvent);
    socket.once('error', onError);
    socket.once('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Rejects with the signal's reason when it aborts; for work that cannot be cancelled (DNS). */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
