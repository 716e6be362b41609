import type { Duplex } from 'node:stream';

/** What a short read of a socket (an HTTP head before the frames) does with what arrives. */
export interface SocketReadHandlers {
  /** Each chunk as a plain Uint8Array view (Buffer's subarray and slice cost more in parsers). */
  readonly onData: (chunk: Uint8Array) => void;
  /** The peer's FIN, or the close of a socket destroyed on our side, which ends without 'end'. */
  readonly onEnd: () => void;
  readonly onError: (error: NodeJS.ErrnoException) => void;
}

/**
 * Reads a socket until the returned `release` is called; `release` pauses it and removes these
 * handlers, so what comes next waits in the socket for its next owner (the frame decoder).
 */
export function readSocket(socket: Duplex, handlers: SocketReadHandlers): () => void {
  const onData = (data: Buffer): void => handlers.onData(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const { onEnd, onError } = handlers;
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('close', onEnd);
  socket.on('error', onError);
  socket.resume();
  return () => {
    socket.pause();
    socket.off('data', onData);
    socket.off('end', onEnd);
    socket.off('close', onEnd);
    socket.off('error', onError);
  };
}
