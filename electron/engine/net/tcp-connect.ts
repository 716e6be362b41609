import { Socket } from 'node:net';
import { classifyConnectError } from './connect-failure.js';
import { DialError } from './dial-failure.js';
import type { DialAttempt } from './dial-attempt.js';
import { formatHostPort } from './dial-target.js';
import type { NetPeer } from './net-event.js';
import { toSystemError } from './system-error.js';
import { waitForSocket } from './wait-for-socket.js';

/**
 * Connects to the first address that accepts, trying them in order (e.g. ::1 then 127.0.0.1 for
 * localhost), and records a `tcp-connected` event. When all refuse, the last error is classified.
 */
export async function connectTcp(attempt: DialAttempt, addresses: readonly string[], port: number, peer: NetPeer): Promise<Socket> {
  let lastError: unknown = new Error('no address to connect to');
  let lastAddress = addresses[0] ?? '';
  for (const address of addresses) {
    attempt.enter('tcp', formatHostPort(address, port));
    const startedMicros = attempt.now();
    const socket = attempt.track(new Socket());
    try {
      const connected = waitForSocket(socket, 'connect', attempt.signal);
      socket.connect({ host: address, port });
      await connected;
    } catch (error) {
      socket.destroy();
      if (attempt.isTimedOut) throw error;
      lastError = error;
      lastAddress = address;
      continue;
    }
    socket.setNoDelay(true);
    attempt.emit({
      name: 'tcp-connected',
      peer,
      remoteAddress: socket.remoteAddress ?? address,
      remotePort: socket.remotePort ?? port,
      localAddress: socket.localAddress ?? '',
      localPort: socket.localPort ?? 0,
      durationMicros: attempt.now() - startedMicros,
    });
    return socket;
  }
  throw new DialError(classifyConnectError(toSystemError(lastError), lastAddress, port, peer));
}
