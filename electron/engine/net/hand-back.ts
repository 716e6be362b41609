import type { Duplex } from 'node:stream';

/**
 * Leaves a socket neither flowing nor explicitly paused, with any buffered bytes kept: the state
 * of a fresh socket, where the caller's first `on('data')` starts the flow. The proxy steps pause
 * the socket (or, in the socks library, resume it), and an explicitly paused stream would stay
 * silent for a caller that only attaches a 'data' listener. Adding and removing a 'readable'
 * listener resets the flowing state to null (Node's documented three-state readableFlowing).
 */
export async function handBack(socket: Duplex): Promise<void> {
  const hold = (): void => undefined;
  socket.on('readable', hold);
  socket.off('readable', hold);
  // The flowing state is updated on the next tick after the listener goes.
  await new Promise<void>((resolve) => process.nextTick(resolve));
}
