import type { Server } from 'node:net';

/** Starts `server` listening on a free 127.0.0.1 port, or on `port` (tests stay loopback-only), and gives the port. */
export async function listenOnLoopback(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the server has no TCP address');
  return address.port;
}
